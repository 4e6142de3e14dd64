import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAdminClient } from "~/admin-api/client.server";
import { ANNOTATION_LIMIT, DevStore, loadFixture, readFlowTriggerDeclarations, type RunningDevstore, startDevstore } from "@throughline/devstore";
import { databaseUrl } from "~/lib/database-url";
import { parseMoney } from "@throughline/shopify-common/money";
import { livePromotions } from "~/promotions/promotions.server";
import { marketingChannel, sendNewSpendDays, showInShopify } from "~/promotions/shopify-marketing.server";
import { action as promotionsRoute } from "~/routes/app.promotions";
import { connectDevstoreShop } from "~/shops/connect-devstore.server";
import { sessionStorage } from "~/shopify.server";
import { runBackfill } from "~/sync/bulk/backfill.server";
import { localizer } from "~/i18n/localizer";
import { storedWords } from "~/i18n/stored-message";
import { db, resetDatabase } from "../helpers/database";
import { memberAtStage } from "../helpers/stages";
import { callAction, embeddedAction } from "../helpers/embedded-request";

const FIXTURE = path.resolve("../shared/fixtures/sample-store.jsonl");
type Result = { ok: boolean; message?: string; errors?: Record<string, string> };
// Across Berlin's change to summer time (2026-03-29): offsets +01:00, then +02:00.
const easter = {
  intent: "create_promotion",
  title: "Easter ads",
  type: "ad",
  channel: "Meta",
  start: "2026-03-27",
  end: "2026-03-31",
  spend: "100",
  utmCampaign: "Easter-26",
  indicator: "orders",
  discountCodes: "EASTER",
};

describe("promotions shown in Shopify (Analytics annotations, marketing activity with daily spend)", () => {
  let devstore: RunningDevstore;
  let shop: string;
  let client: ReturnType<typeof createAdminClient>;
  const post = (fields: Record<string, string>, userId = "2") =>
    embeddedAction("/app/promotions", shop, fields, { userId }).then((request) => callAction<Result>(promotionsRoute, request));
  const promotion = async (title: string) => (await livePromotions(db, shop)).find((candidate) => candidate.title === title)!;
  const engagements = (remoteId: string) =>
    [...(devstore.apps.marketingEngagements.get(remoteId)?.values() ?? [])].sort((a, b) => a.occurredOn.localeCompare(b.occurredOn));

  beforeAll(async () => {
    await resetDatabase();
    const data = await loadFixture(FIXTURE);
    shop = data.shop.myshopifyDomain;
    devstore = await startDevstore({
      store: new DevStore(data),
      throttle: { maximumAvailable: 100_000, restoreRate: 100_000 },
      flowTriggers: readFlowTriggerDeclarations(),
    });
    await connectDevstoreShop(db, sessionStorage, { shop, adminOrigin: devstore.origin, accessToken: "devstore-token", ownerUserId: "1", now: new Date() });
    client = createAdminClient({ shop, accessToken: "devstore-token", adminOrigin: devstore.origin });
    await runBackfill({ db, client, databaseUrl: databaseUrl(), maxPollMs: 20 });
    // The staff member logs promotions of their own: the Create stage (tests/team covers the others).
    await memberAtStage(db, shop, "2", "create");
  });
  afterAll(() => devstore.close());
  beforeEach(async () => {
    await db.promotionCode.deleteMany();
    await db.promotion.deleteMany();
    devstore.apps.analyticsAnnotations.clear();
    devstore.apps.marketingActivities.clear();
    devstore.apps.marketingEngagements.clear();
  });

  it("GIVEN an ended ad promotion WHEN staff show it in Shopify THEN it is an annotation over its dates in the shop's time zone, and its spend is sent day by day, adding up exactly", async () => {
    await post(easter);
    const id = String((await promotion("Easter ads")).id);
    expect(await post({ intent: "show_in_shopify", id })).toMatchObject({ status: 200, body: { message: expect.stringMatching(/5 days of spend/) } });

    const [annotation] = [...devstore.apps.analyticsAnnotations.values()];
    expect(annotation).toMatchObject({
      title: "Easter ads",
      type: "campaign",
      startedAt: "2026-03-26T23:00:00.000Z",
      endedAt: "2026-03-31T21:59:59.000Z",
      source: "APP",
    });
    expect(annotation!.description).toBe("Should move Orders · codes EASTER · campaign Easter-26 (Throughline)");

    const [activity] = [...devstore.apps.marketingActivities.values()];
    expect(activity).toMatchObject({
      title: "Easter ads",
      tactic: "AD",
      marketingChannelType: "SOCIAL",
      status: "INACTIVE",
      utmParameters: { campaign: "Easter-26", source: "meta", medium: "cpc" },
      adSpend: { amount: "100.00", currencyCode: "EUR" },
    });
    const days = engagements(activity!.remoteId);
    expect(days.map((day) => [day.occurredOn, day.utcOffset, day.adSpend!.amount])).toEqual([
      ["2026-03-27", "+01:00", "20.00"],
      ["2026-03-28", "+01:00", "20.00"],
      ["2026-03-29", "+02:00", "20.00"],
      ["2026-03-30", "+02:00", "20.00"],
      ["2026-03-31", "+02:00", "20.00"],
    ]);
    expect((await db.promotion.findUniqueOrThrow({ where: { id: Number(id) } })).spendSentThrough).toBe("2026-03-31");
  });

  it("GIVEN a shown promotion WHEN it is edited THEN Shopify's copy follows: new title, days dropped sent as zero, spend re-split; a new campaign is a new activity; archiving takes it all off", async () => {
    await post(easter);
    const id = String((await promotion("Easter ads")).id);
    await post({ intent: "show_in_shopify", id });
    const firstRemoteId = [...devstore.apps.marketingActivities.keys()][0]!;

    expect(await post({ ...easter, intent: "update_promotion", id, title: "Easter ads (short)", end: "2026-03-29", spend: "100" })).toMatchObject({
      status: 200,
      body: { message: "Promotion updated." },
    });
    expect([...devstore.apps.analyticsAnnotations.values()][0]).toMatchObject({ title: "Easter ads (short)", endedAt: "2026-03-29T21:59:59.000Z" });
    const amounts = engagements(firstRemoteId).map((day) => day.adSpend!.amount);
    expect(amounts).toEqual(["33.33", "33.34", "33.33", "0.00", "0.00"]);
    expect(amounts.reduce((sum, amount) => sum + parseMoney(amount), 0n)).toBe(parseMoney("100"));

    await post({ ...easter, intent: "update_promotion", id, utmCampaign: "easter-retarget" });
    expect([...devstore.apps.marketingActivities.keys()]).toEqual([expect.stringMatching(/:easter-retarget$/)]);
    expect(devstore.apps.marketingEngagements.has(firstRemoteId)).toBe(false);

    expect(await post({ intent: "archive_promotion", id })).toMatchObject({ status: 200, body: { message: "Promotion archived." } });
    expect(devstore.apps.analyticsAnnotations.size).toBe(0);
    expect(devstore.apps.marketingActivities.size).toBe(0);
  });

  it("GIVEN a running promotion THEN only started days are sent, and the scheduler sends each new day once; GIVEN a promotion without a campaign THEN it is annotated but its spend isn't sent", async () => {
    await post({ ...easter, title: "Spring", start: "2026-04-01", end: "2026-04-10", spend: "50", utmCampaign: "spring" });
    const spring = await promotion("Spring");
    expect(await showInShopify(db, client, spring, new Date("2026-04-03T10:00:00Z"), true)).toEqual({ error: null, daysSent: 3 });
    const remoteId = (await db.promotion.findUniqueOrThrow({ where: { id: spring.id } })).marketingRemoteId!;
    expect(devstore.apps.marketingActivities.get(remoteId)!.status).toBe("ACTIVE");
    expect(await sendNewSpendDays(db, client, new Date("2026-04-03T20:00:00Z"))).toEqual({ updated: 0, failed: 0 });
    expect(await sendNewSpendDays(db, client, new Date("2026-04-05T08:00:00Z"))).toEqual({ updated: 1, failed: 0 });
    expect(engagements(remoteId).map((day) => [day.occurredOn, day.adSpend!.amount])).toEqual(
      ["01", "02", "03", "04", "05"].map((day) => [`2026-04-${day}`, "5.00"]),
    );
    await sendNewSpendDays(db, client, new Date("2026-06-01T08:00:00Z"));
    expect(engagements(remoteId)).toHaveLength(10);
    expect(devstore.apps.marketingActivities.get(remoteId)!.status).toBe("INACTIVE");

    await post({ ...easter, title: "Newsletter", type: "email", utmCampaign: "" });
    const newsletter = await promotion("Newsletter");
    expect(await post({ intent: "show_in_shopify", id: String(newsletter.id) })).toMatchObject({
      status: 200,
      body: { message: expect.stringMatching(/needs a UTM campaign/) },
    });
    expect([...devstore.apps.analyticsAnnotations.values()].find((annotation) => annotation.title === "Newsletter")).toMatchObject({ type: "campaign" });
    expect((await db.promotion.findUniqueOrThrow({ where: { id: newsletter.id } })).marketingRemoteId).toBeNull();
  });

  it("GIVEN Shopify refuses (annotation limit reached) THEN the reason is shown and kept, and nothing is marked as shown; GIVEN someone else's promotion THEN staff can't show it", async () => {
    await post(easter);
    const id = String((await promotion("Easter ads")).id);
    for (let i = 0; i < ANNOTATION_LIMIT; i++) {
      const at = "2026-01-01T00:00:00.000Z";
      devstore.apps.analyticsAnnotations.set(`other-${i}`, {
        id: `other-${i}`,
        title: `Earlier ${i}`,
        description: null,
        type: "other",
        startedAt: at,
        endedAt: null,
        source: "APP",
        createdAt: at,
        updatedAt: at,
      });
    }
    const refused = await post({ intent: "show_in_shopify", id });
    expect(refused).toMatchObject({ status: 400, body: { errors: { shopify: expect.stringMatching(/^Shopify refused the annotation: .*limit/) } } });
    const kept = await db.promotion.findUniqueOrThrow({ where: { id: Number(id) } });
    expect(kept).toMatchObject({ annotationId: null, marketingRemoteId: null });
    expect(storedWords(kept.shopifyError, localizer("en"))).toBe(refused.body.errors!.shopify);
    expect(storedWords(kept.shopifyError, localizer("zh-CN"))).toMatch(/^Shopify 拒绝了分析注释：.*limit/);
    devstore.apps.analyticsAnnotations.clear();

    await post({ ...easter, title: "Owner's" }, "1");
    const owners = String((await promotion("Owner's")).id);
    expect(await post({ intent: "show_in_shopify", id: owners })).toMatchObject({ status: 403 });
    expect(devstore.apps.analyticsAnnotations.size).toBe(0);
  });

  it("GIVEN Shopify no longer has the annotation or activity THEN an edit shows it again and taking it off still succeeds", async () => {
    await post(easter);
    const id = String((await promotion("Easter ads")).id);
    await post({ intent: "show_in_shopify", id });
    devstore.apps.analyticsAnnotations.clear();
    expect(await post({ ...easter, intent: "update_promotion", id, title: "Easter ads, again" })).toMatchObject({
      status: 200,
      body: { message: "Promotion updated." },
    });
    expect([...devstore.apps.analyticsAnnotations.values()].map((annotation) => annotation.title)).toEqual(["Easter ads, again"]);

    devstore.apps.analyticsAnnotations.clear();
    devstore.apps.marketingActivities.clear();
    expect(await post({ intent: "remove_from_shopify", id })).toMatchObject({ status: 200, body: { message: "Taken off Shopify; it stays here." } });
    expect(await db.promotion.findUniqueOrThrow({ where: { id: Number(id) } })).toMatchObject({
      annotationId: null,
      marketingRemoteId: null,
      shopifyError: null,
    });
  });

  it.each([
    ["email", null, "EMAIL"],
    ["ad", "Google Ads", "SEARCH"],
    ["ad", "Instagram", "SOCIAL"],
    ["content", "Affiliate partners", "REFERRAL"],
    ["discount", "In store", "DISPLAY"],
  ])("GIVEN a %s promotion on %s THEN its Shopify marketing channel is %s", (type, channel, expected) => {
    expect(marketingChannel(type, channel)).toBe(expected);
  });
});
