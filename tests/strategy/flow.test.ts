import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAdminClient } from "~/admin-api/client.server";
import { DevStore, loadFixture, readFlowTriggerDeclarations, type RunningDevstore, startDevstore } from "@throughline/devstore";
import { parseDay } from "~/lib/calendar";
import { databaseUrl } from "~/lib/database-url";
import { evaluateTargets } from "~/strategy/flow.server";
import { systemActor } from "~/staff/staff.server";
import { targetStatuses } from "~/strategy/target-status.server";
import { createTarget, updateTarget } from "~/strategy/targets.server";
import { runBackfill } from "~/sync/bulk/backfill.server";
import { localizer } from "~/i18n/localizer";
import { storedWords } from "~/i18n/stored-message";
import { db, resetDatabase } from "../helpers/database";

const FIXTURE = path.resolve("../shared/fixtures/sample-store.jsonl");
const NOW = new Date("2026-03-20T12:00:00Z");
const target = (value: number) => ({ indicator: "net_sales", periodKind: "month", from: "2026-03-01", value: value.toFixed(2) });

describe("the Target at risk Flow trigger", () => {
  let devstore: RunningDevstore;
  let client: ReturnType<typeof createAdminClient>;
  let shop: string;
  let projected: number;

  beforeAll(async () => {
    await resetDatabase();
    const data = await loadFixture(FIXTURE);
    shop = data.shop.myshopifyDomain;
    devstore = await startDevstore({
      store: new DevStore(data),
      throttle: { maximumAvailable: 100_000, restoreRate: 100_000 },
      flowTriggers: readFlowTriggerDeclarations(),
    });
    client = createAdminClient({ shop, accessToken: "devstore-token", adminOrigin: devstore.origin });
    await runBackfill({ db, client, databaseUrl: databaseUrl(), maxPollMs: 20 });
  });
  afterAll(() => devstore.close());
  beforeEach(async () => {
    await db.target.deleteMany();
    devstore.apps.flowTriggers.length = 0;
  });

  it("GIVEN a target WHEN its status goes on track → at risk → off track → on track THEN the trigger fires once per worsening, with the target in its payload", async () => {
    const created = await createTarget(db, systemActor(shop), target(1), NOW);
    const id = (created as { value: { id: number } }).value.id;
    projected = (await targetStatuses(db, shop, parseDay("2026-03-20")!))[0]!.projected!;

    expect(await evaluateTargets(db, client, NOW)).toMatchObject({ evaluated: 1, fired: 0 });
    await updateTarget(db, systemActor(shop), id, target(projected / 0.95), NOW); // within 10%: at risk
    expect(await evaluateTargets(db, client, NOW)).toMatchObject({ fired: 1 });
    expect(await evaluateTargets(db, client, NOW)).toMatchObject({ fired: 0 }); // no change, no second call
    await updateTarget(db, systemActor(shop), id, target(projected * 2), NOW); // off track
    expect(await evaluateTargets(db, client, NOW)).toMatchObject({ fired: 1 });
    await updateTarget(db, systemActor(shop), id, target(1), NOW); // better again: nothing to tell
    expect(await evaluateTargets(db, client, NOW)).toMatchObject({ fired: 0 });

    const calls = devstore.apps.flowTriggers;
    expect(calls.map((call) => [call.handle, call.payload.Status, call.payload["Previous status"]])).toEqual([
      ["target-at-risk", "at_risk", "on_track"],
      ["target-at-risk", "off_track", "at_risk"],
    ]);
    expect(calls[1]!.payload).toMatchObject({
      Indicator: "net_sales",
      "Period start": "2026-03-01",
      "Period end": "2026-03-31",
      Direction: "at_least",
      "Target value": Number((projected * 2).toFixed(2)),
    });
    expect(calls[1]!.payload["Projected value"]).toBeCloseTo(projected, 6);
    expect(String(calls[1]!.payload.Target)).toMatch(/^Net sales ≥ €[\d,]+\.\d\d \(2026-03-01 – 2026-03-31\)$/);
    expect((await db.target.findUniqueOrThrow({ where: { id } })).lastStatus).toBe("on_track");
  });

  it("GIVEN a new target already off track THEN its first evaluation fires; GIVEN Flow refuses THEN the target says why", async () => {
    await createTarget(db, systemActor(shop), target(1_000_000), NOW);
    expect(await evaluateTargets(db, client, NOW)).toMatchObject({ fired: 1 });

    const refusing = await startDevstore({ store: devstore.store, flowTriggers: [] });
    try {
      await db.target.updateMany({ data: { lastStatus: null } });
      const other = createAdminClient({ shop, accessToken: "devstore-token", adminOrigin: refusing.origin });
      expect(await evaluateTargets(db, other, NOW)).toMatchObject({ fired: 0, failed: 1 });
      const { flowError } = await db.target.findFirstOrThrow();
      expect(storedWords(flowError, localizer("en"))).toBe(
        `Shopify Flow refused the “Target at risk” trigger: Errors validating schema: Invalid handle 'target-at-risk'.`,
      );
      expect(storedWords(flowError, localizer("zh-CN"))).toBe(
        `Shopify Flow 拒绝了“Target at risk”触发器：Errors validating schema: Invalid handle 'target-at-risk'.`,
      );
    } finally {
      await refusing.close();
    }
    // Shopify not answering is not a refusal: the target says it couldn't be reached.
    await db.target.updateMany({ data: { lastStatus: null } });
    const gone = createAdminClient({ shop, accessToken: "devstore-token", adminOrigin: refusing.origin, maxAttempts: 1 });
    expect(await evaluateTargets(db, gone, NOW)).toMatchObject({ fired: 0, failed: 1 });
    expect(storedWords((await db.target.findFirstOrThrow()).flowError, localizer("en"))).toMatch(/^Shopify Flow couldn't be reached: /);
  });
});
