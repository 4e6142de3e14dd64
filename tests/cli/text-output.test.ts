/**
 * The command line's text output is read by people: figures to two places (ratios as percentages to
 * one), never a float's sixteen digits (`roas 201.43833333333333`). `--json` keeps full precision.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { DevStore, loadFixture, startDevstore, writeStoreFixture } from "@throughline/devstore";
import { rebuildRollups } from "~/indicators/rollups.server";
import { parsePromotion } from "~/promotions/promotion-input";
import { createPromotions } from "~/promotions/promotions.server";
import { systemActor } from "~/staff/staff.server";
import { createTarget } from "~/strategy/targets.server";
import { saveOrders, saveShopDetails } from "~/sync/store-records.server";
import { runCli } from "../helpers/cli";
import { db, resetDatabase } from "../helpers/database";
import { orderRecord } from "../helpers/records";

const SHOP = "text-output.myshopify.com";
/** A number printed with more places than a person reads. */
const LONG_FRACTION = /\d\.\d{3,}/;

describe("the command line's text output", () => {
  beforeAll(async () => {
    await resetDatabase();
    await saveShopDetails(db, { shop: SHOP, name: SHOP, email: null, currencyCode: "EUR", ianaTimezone: "Europe/Berlin" });
    await saveOrders(db, SHOP, [
      orderRecord({ processedAt: new Date("2026-03-03T10:00:00Z"), discountCodes: ["THIRD"], subtotal: 100_0000n, totalPrice: 100_0000n }),
      orderRecord({ processedAt: new Date("2026-03-04T10:00:00Z"), subtotal: 100_0000n, totalPrice: 100_0000n }),
      orderRecord({ processedAt: new Date("2026-03-05T10:00:00Z"), subtotal: 100_0000n, totalPrice: 100_0000n }),
    ]);
    await rebuildRollups(db, SHOP);
    const parsed = parsePromotion({
      title: "A third",
      type: "discount",
      start: "2026-03-01",
      end: "2026-03-31",
      spend: "3",
      discountCodes: "THIRD",
      indicator: "aov",
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    await createPromotions(db, systemActor(SHOP), [parsed.value], new Date());
    const target = await createTarget(
      db,
      systemActor(SHOP),
      { indicator: "discount_rate", periodKind: "month", from: "2026-03-01", value: "0.0333" },
      new Date(),
    );
    if (!target.ok) throw new Error(JSON.stringify(target));
    const roasTarget = await createTarget(db, systemActor(SHOP), { indicator: "roas", periodKind: "month", from: "2026-03-01", value: "25" }, new Date());
    if (!roasTarget.ok) throw new Error(JSON.stringify(roasTarget));
  }, 60_000);

  it("GIVEN a ROAS of 100 / 3 THEN promotions list prints 33.33× and revenue to the cent; --json keeps the fraction", async () => {
    const text = await runCli(["promotions", "list", "--shop", SHOP]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/roas 33\.33×/);
    expect(text.stdout).not.toMatch(LONG_FRACTION);
    const json = JSON.parse((await runCli(["promotions", "list", "--shop", SHOP, "--json"])).stdout) as { promotions: { roas: number }[] };
    expect(json.promotions[0]!.roas).toBeCloseTo(100 / 3, 12);
  });

  it("GIVEN a ratio target THEN targets status prints percentages, and indicators its table, without long fractions", async () => {
    const status = await runCli(["targets", "status", "--shop", SHOP, "--on", "2026-03-15"]);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toMatch(/3\.3%/);
    // A ROAS target reads as a multiple: 100 of revenue on the 15 of 31 days' share of the spend of 3.
    expect(status.stdout).toMatch(/Return on ad spend.*25\.00×\tactual 68\.89×/);
    expect(status.stdout).not.toMatch(LONG_FRACTION);
    const table = await runCli(["indicators", "--shop", SHOP, "--from", "2026-03-01", "--to", "2026-03-31"]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).not.toMatch(LONG_FRACTION);
  });

  it("GIVEN a terminal outside the tests WHEN sync runs THEN its output is its own lines: no log line (Shopify's library's INFO) on either stream", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "terminal-log-"));
    const fixture = path.join(dir, "store.jsonl");
    const shop = "terminal-log.myshopify.com";
    await writeStoreFixture(fixture, { orders: 20, seed: 4, shopDomain: shop });
    const devstore = await startDevstore({ store: new DevStore(await loadFixture(fixture)) });
    try {
      // As a person runs it: not the tests' silent log (NODE_ENV=test, LOG_LEVEL unset).
      const run = await runCli(["sync", "--shop", shop, "--admin-origin", devstore.origin], { NODE_ENV: "development" });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/^synced terminal-log\.myshopify\.com \(backfill\): \d+ products, 20 orders/);
      for (const output of [run.stdout, run.stderr]) {
        expect(output).not.toMatch(/shopify-api|"level":/);
      }
    } finally {
      await devstore.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
