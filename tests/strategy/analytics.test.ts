import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAdminClient } from "~/admin-api/client.server";
import { DevStore, loadFixture, type RunningDevstore, startDevstore } from "@throughline/devstore";
import { databaseUrl } from "~/lib/database-url";
import { action as targetsRoute } from "~/routes/app.targets";
import { connectDevstoreShop } from "~/shops/connect-devstore.server";
import { sessionStorage } from "~/shopify.server";
import { publishTarget, syncPublished, unpublishTarget } from "~/strategy/analytics.server";
import { ForbiddenError, type Actor } from "~/staff/staff.server";
import { createTarget, updateTarget } from "~/strategy/targets.server";
import { runBackfill } from "~/sync/bulk/backfill.server";
import { localizer } from "~/i18n/localizer";
import { storedWords } from "~/i18n/stored-message";
import { db, resetDatabase } from "../helpers/database";
import { callAction, embeddedAction } from "../helpers/embedded-request";

const FIXTURE = path.resolve("../shared/fixtures/sample-store.jsonl");

describe("targets published to Shopify's Analytics", () => {
  let devstore: RunningDevstore;
  let client: ReturnType<typeof createAdminClient>;
  let owner: Actor;

  beforeAll(async () => {
    await resetDatabase();
    const data = await loadFixture(FIXTURE);
    const shop = data.shop.myshopifyDomain;
    devstore = await startDevstore({ store: new DevStore(data), throttle: { maximumAvailable: 100_000, restoreRate: 100_000 } });
    await connectDevstoreShop(db, sessionStorage, { shop, adminOrigin: devstore.origin, accessToken: "devstore-token", ownerUserId: "1", now: new Date() });
    client = createAdminClient({ shop, accessToken: "devstore-token", adminOrigin: devstore.origin });
    await runBackfill({ db, client, databaseUrl: databaseUrl(), maxPollMs: 20 });
    owner = { shop, userId: "1", name: "Store Owner", role: "owner", accountOwner: true, collaborator: false, locale: "en" };
  });
  afterAll(() => devstore.close());
  beforeEach(async () => {
    await db.target.deleteMany();
    devstore.apps.analyticsTargets.clear();
  });

  const make = async (indicator: string, value: string) => {
    const outcome = await createTarget(db, owner, { indicator, periodKind: "month", from: "2026-03-01", value }, new Date());
    return (outcome as { value: { id: number } }).value.id;
  };

  it("GIVEN a net sales target WHEN the owner publishes it and later changes it THEN Shopify's copy is created, then kept in step", async () => {
    const id = await make("net_sales", "55000");
    expect(await publishTarget(db, owner, client, id)).toBeNull();
    const stored = await db.target.findUniqueOrThrow({ where: { id } });
    const shopify = devstore.apps.analyticsTargets.get(stored.analyticsTargetId!)!;
    expect(shopify).toMatchObject({
      metric: "net_sales",
      startDate: "2026-03-01",
      endDate: "2026-03-31",
      expectedValue: "55000",
      currencyCode: "EUR",
      name: "Net sales ≥ 55000 (Throughline)",
    });

    const changed = await updateTarget(db, owner, id, { indicator: "net_sales", periodKind: "month", from: "2026-03-01", value: "58000" }, new Date());
    expect(await syncPublished(db, client, (changed as { value: Parameters<typeof syncPublished>[2] }).value)).toBeNull();
    expect(devstore.apps.analyticsTargets.get(stored.analyticsTargetId!)!.expectedValue).toBe("58000");
    expect(devstore.apps.analyticsTargets.size).toBe(1);

    expect(await unpublishTarget(db, client, await db.target.findUniqueOrThrow({ where: { id } }))).toBeNull();
    expect(devstore.apps.analyticsTargets.size).toBe(0);
    expect((await db.target.findUniqueOrThrow({ where: { id } })).analyticsTargetId).toBeNull();
  });

  it("GIVEN Shopify refuses a target THEN its words are kept on the target and nothing is published", async () => {
    const id = await make("orders", "0");
    const english = localizer("en");
    expect(storedWords(await publishTarget(db, owner, client, id), english)).toBe(
      "Shopify Analytics refused the target: Expected value must be greater than 0",
    );
    const stored = await db.target.findUniqueOrThrow({ where: { id } });
    expect(stored.analyticsTargetId).toBeNull();
    expect(storedWords(stored.analyticsError, english)).toBe("Shopify Analytics refused the target: Expected value must be greater than 0");
    expect(storedWords(stored.analyticsError, localizer("zh-CN"))).toBe("Shopify Analytics 拒绝了目标：Expected value must be greater than 0");
    expect(devstore.apps.analyticsTargets.size).toBe(0);
  });

  it("GIVEN an indicator Shopify doesn't measure THEN publishing says so without calling Shopify", async () => {
    const id = await make("repurchase_rate", "0.3");
    expect(storedWords(await publishTarget(db, owner, client, id), localizer("en"))).toMatch(/has no metric that matches Repurchase rate/);
    expect(devstore.apps.analyticsTargets.size).toBe(0);
  });

  it("GIVEN a staff member THEN publishing is refused", async () => {
    const id = await make("orders", "100");
    await expect(publishTarget(db, { ...owner, userId: "2", role: "staff", accountOwner: false }, client, id)).rejects.toThrow(ForbiddenError);
    expect(devstore.apps.analyticsTargets.size).toBe(0);
  });

  it("GIVEN a published target WHEN the owner removes it on the Targets page THEN it leaves Shopify's Analytics too", async () => {
    const id = await make("aov", "200");
    expect(await publishTarget(db, owner, client, id)).toBeNull();
    expect(devstore.apps.analyticsTargets.size).toBe(1);
    const removed = await callAction<{ ok: boolean; message: string }>(
      targetsRoute,
      await embeddedAction("/app/targets", owner.shop, { intent: "delete_target", id: String(id) }),
    );
    expect(removed).toMatchObject({ status: 200, body: { ok: true, message: "Target removed." } });
    expect(devstore.apps.analyticsTargets.size).toBe(0);
  });
});
