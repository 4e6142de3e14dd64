import path from "node:path";
import { localizer } from "~/i18n/localizer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdminClient, type AdminClient } from "~/admin-api/client.server";
import { DevStore, type DevstoreData, loadFixture, type RunningDevstore, startDevstore } from "@throughline/devstore";
import { dashboardView } from "~/home/dashboard.server";
import { rebuildRollups } from "~/indicators/rollups.server";
import { databaseUrl } from "~/lib/database-url";
import { runBackfill } from "~/sync/bulk/backfill.server";
import { REFUND_LINES_SIZED } from "~/sync/bulk/bulk-documents";
import { db, resetDatabase } from "../helpers/database";
import { runCli } from "../helpers/cli";

const ENGLISH = localizer("en-GB");

// The first sync shows the indicators as soon as the orders are stored; refund details follow,
// newest first. Meanwhile the dashboard and `cli indicators` say which figures aren't final, and
// they become exact by themselves as the details arrive.

const FIXTURE = path.resolve("../shared/fixtures/sample-store.jsonl");
const MARCH = new URLSearchParams({ from: "2026-03-01", to: "2026-03-31" });
const NOW = new Date("2026-04-02T12:00:00Z");

/** A client whose refund-detail queries wait until `open()` (the test looks at the page meanwhile). */
function gated(client: AdminClient) {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const asked: string[][] = [];
  const wrapped: AdminClient = {
    shop: client.shop,
    async request(document, variables) {
      if (document === REFUND_LINES_SIZED) {
        await gate;
        asked.push((variables as { ids: string[] }).ids);
      }
      return client.request(document, variables);
    },
  };
  return { client: wrapped, open, asked };
}

async function phaseIs(shop: string, phase: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while ((await db.syncRun.findFirst({ where: { shop }, orderBy: { id: "desc" } }))?.phase !== phase) {
    if (Date.now() > deadline) throw new Error(`the sync never reached its ${phase} phase`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("indicators during the first sync", () => {
  let data: DevstoreData;
  let devstore: RunningDevstore;
  beforeAll(async () => {
    await resetDatabase();
    data = await loadFixture(FIXTURE);
    devstore = await startDevstore({ store: new DevStore(data) });
  });
  afterAll(async () => {
    await devstore?.close();
  });

  it("GIVEN the orders stored and refund details still being read THEN the dashboard shows March and says how many of its refunds aren't final, the CLI's --json marks it, and once they arrive the figures are those of a full rebuild", async () => {
    const shop = data.shop.myshopifyDomain;
    const { client, open, asked } = gated(createAdminClient({ shop, accessToken: "devstore-token", adminOrigin: devstore.origin }));
    const sync = runBackfill({ db, client, databaseUrl: databaseUrl(), maxPollMs: 20 });
    await phaseIs(shop, "refunds");

    const during = await dashboardView(db, shop, MARCH, NOW, undefined, ENGLISH);
    expect(during.state).toBe("ready");
    if (during.state !== "ready") return;
    const marchRefunds = await db.refund.count({ where: { shop, createdAt: { gte: new Date("2026-03-01T00:00:00Z"), lt: new Date("2026-04-02T00:00:00Z") } } });
    expect(marchRefunds).toBeGreaterThan(0);
    expect(during.pending?.current).toBeGreaterThan(0);
    expect(during.pending?.message).toMatch(/still reading refund details from Shopify, newest first: [\d,]+ refunds? in this period/);
    const cli = await runCli(["indicators", "--shop", shop, "--from", "2026-03-01", "--to", "2026-03-31", "--json"]);
    expect(JSON.parse(cli.stdout).incomplete).toEqual({ refundsWithoutDetails: during.pending?.current });

    open();
    expect((await sync).status).toBe("succeeded");
    // Newest first: the first query asked for the latest refunds.
    const newest = await db.refund.findMany({ where: { shop }, orderBy: [{ createdAt: "desc" }, { id: "asc" }], take: asked[0]!.length, select: { id: true } });
    expect(asked[0]).toEqual(newest.map((refund) => refund.id));

    const after = await dashboardView(db, shop, MARCH, NOW, undefined, ENGLISH);
    expect(after.state === "ready" && after.pending).toBe(null);
    await rebuildRollups(db, shop);
    const rebuilt = await dashboardView(db, shop, MARCH, NOW, undefined, ENGLISH);
    expect(after).toEqual(rebuilt);
    const done = await runCli(["indicators", "--shop", shop, "--from", "2026-03-01", "--to", "2026-03-31", "--json"]);
    expect(JSON.parse(done.stdout).incomplete).toBeUndefined();
  }, 60_000);
});
