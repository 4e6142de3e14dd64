import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdminClient } from "~/admin-api/client.server";
import { DevStore, loadFixture, type RunningDevstore, startDevstore } from "@throughline/devstore";
import { parseDay } from "~/lib/calendar";
import { databaseUrl } from "~/lib/database-url";
import { systemActor } from "~/staff/staff.server";
import { targetStatuses } from "~/strategy/target-status.server";
import { createGoal } from "~/strategy/targets.server";
import { runBackfill } from "~/sync/bulk/backfill.server";
import { db, resetDatabase } from "../helpers/database";
import { runCli } from "../helpers/cli";

const SHOP = "sample-store.myshopify.com";

const cli = (...args: string[]) => runCli(["targets", ...args]);

describe("targets on the command line", () => {
  let devstore: RunningDevstore;

  beforeAll(async () => {
    await resetDatabase();
    const data = await loadFixture(path.resolve("../shared/fixtures/sample-store.jsonl"));
    devstore = await startDevstore({ store: new DevStore(data), throttle: { maximumAvailable: 100_000, restoreRate: 100_000 } });
    const client = createAdminClient({ shop: SHOP, accessToken: "devstore-token", adminOrigin: devstore.origin });
    await runBackfill({ db, client, databaseUrl: databaseUrl(), maxPollMs: 20 });
  });
  afterAll(() => devstore.close());

  it("GIVEN targets set THEN `targets status --on … --json` gives each with its pacing, as the app computes it", async () => {
    const set = await cli("set", "--shop", SHOP, "--indicator", "net_sales", "--from", "2026-03-01", "--to", "2026-03-31", "--value", "55000", "--json");
    expect(set.code).toBe(0);
    expect(JSON.parse(set.stdout)).toMatchObject({
      target: { indicator: "net_sales", from: "2026-03-01", to: "2026-03-31", value: "55000", direction: "at_least" },
    });
    expect((await cli("set", "--shop", SHOP, "--indicator", "discount_rate", "--from", "2026-03-01", "--to", "2026-03-31", "--value", "0.05")).code).toBe(0);

    const status = await cli("status", "--shop", SHOP, "--on", "2026-03-15", "--json");
    expect(status.code).toBe(0);
    const printed = (JSON.parse(status.stdout) as { targets: Record<string, unknown>[] }).targets;
    const expected = await targetStatuses(db, SHOP, parseDay("2026-03-15")!);
    expect(printed).toEqual(
      expected.map((target) => ({
        id: target.id,
        indicator: target.indicator,
        from: target.from,
        to: target.to,
        value: target.value,
        direction: target.direction,
        actual: target.actual,
        expected_to_date: target.expectedToDate,
        projected: target.projected,
        status: target.status,
      })),
    );
    expect(printed.map((target) => Object.keys(target))).toEqual(
      printed.map(() => ["id", "indicator", "from", "to", "value", "direction", "actual", "expected_to_date", "projected", "status"]),
    );
    // At the end of the month the net sales target (the month made 57,604.54) is met.
    const final = (
      JSON.parse((await cli("status", "--shop", SHOP, "--on", "2026-04-02", "--json")).stdout) as {
        targets: { indicator: string; status: string; actual: number }[];
      }
    ).targets;
    expect(final.find((target) => target.indicator === "net_sales")).toMatchObject({ status: "met", actual: 57604.54 });
  }, 60_000);

  it("GIVEN a goal ending on 20 April WHEN `targets set --goal` puts April's target under it THEN one line says why and nothing is saved; a target within the goal is saved under it", async () => {
    const goal = await createGoal(db, systemActor(SHOP), { name: "Spring", from: "2026-04-01", to: "2026-04-20" }, new Date());
    if (!goal.ok) throw new Error(JSON.stringify(goal.errors));
    const before = await db.target.count();
    const refused = await cli(
      "set",
      "--shop",
      SHOP,
      "--indicator",
      "orders",
      "--from",
      "2026-04-01",
      "--to",
      "2026-04-30",
      "--value",
      "40",
      "--goal",
      String(goal.value.id),
    );
    expect(refused).toMatchObject({ code: 2, stdout: "" });
    expect(refused.stderr.trim()).toBe(
      "error: targets set: --goal: This target runs to Apr 30, 2026, past the end of its goal “Spring” (Apr 20, 2026): choose a period that ends by then, or another goal.",
    );
    expect(await db.target.count()).toBe(before);
    const saved = await cli(
      "set",
      "--shop",
      SHOP,
      "--indicator",
      "orders",
      "--from",
      "2026-04-01",
      "--to",
      "2026-04-20",
      "--value",
      "40",
      "--goal",
      String(goal.value.id),
      "--json",
    );
    expect(saved.code).toBe(0);
    expect(JSON.parse(saved.stdout)).toMatchObject({ target: { indicator: "orders", from: "2026-04-01", to: "2026-04-20", goal_id: goal.value.id } });
  }, 60_000);

  it.each([
    [
      ["set", "--shop", SHOP, "--indicator", "happiness", "--from", "2026-04-01", "--to", "2026-04-30", "--value", "1"],
      /--indicator: "happiness" is not an indicator/,
    ],
    [["set", "--shop", SHOP, "--indicator", "orders", "--from", "2026-04-01", "--to", "2026-04-30", "--value=-4"], /--value: A target can't be negative/],
    [["set", "--shop", SHOP, "--indicator", "orders", "--from", "2026-04-30", "--to", "2026-04-01", "--value", "4"], /--to: The period is empty/],
    [["set", "--shop", SHOP, "--indicator", "net_sales", "--from", "2026-03-10", "--to", "2026-03-20", "--value", "4"], /--from: Overlaps the target/],
    [["set", "--shop", SHOP, "--indicator", "orders", "--from", "2026-04-01", "--to", "2026-04-30"], /--value is required/],
    [["status", "--shop", SHOP, "--on", "2026-13-01"], /--on must be a calendar date/],
    [["status", "--shop", "nowhere.myshopify.com"], /unknown shop/],
    [["list", "--shop", SHOP], /say "set" or "status"/],
  ])(
    "GIVEN %j THEN one line on stderr and exit code 2",
    async (args, message) => {
      const result = await cli(...args);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
      expect(result.stderr).toMatch(message);
    },
    60_000,
  );
});
