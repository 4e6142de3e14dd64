/**
 * A store whose staff logged a thousand promotions, one of them with 33,000 codes stored before
 * codes were bounded (rows written straight into the database, as an old database holds them):
 * every page that lists promotions still answers, quickly, and shows one page of them at a time.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { AttributionStore } from "~/promotions/attribution-store.server";
import { parseDay } from "~/lib/calendar";
import { attributedOrdersOf, marketingTotals } from "~/promotions/promotions.server";
import { rebuildRollups } from "~/indicators/rollups.server";
import { PROMOTIONS_PER_PAGE } from "~/promotions/promotions-page.server";
import { refreshPromotionWindows } from "~/promotions/promotion-windows.server";
import { loader as homeLoader } from "~/routes/app._index";
import { action as promotionsAction, loader as promotionsLoader } from "~/routes/app.promotions";
import { loader as reviewLoader } from "~/routes/app.review";
import { connectDevstoreShop } from "~/shops/connect-devstore.server";
import { sessionStorage } from "~/shopify.server";
import { saveOrders, saveShopDetails } from "~/sync/store-records.server";
import { db, resetDatabase } from "../helpers/database";
import { callAction, callLoader, embeddedAction, embeddedRequest } from "../helpers/embedded-request";
import { orderRecord } from "../helpers/records";

const SHOP = "crowded-shop.myshopify.com";
const PROMOTIONS = 1000;
const CODES = 33_000;
const open = <T>(loader: Parameters<typeof callLoader<T>>[0], path: string) =>
  embeddedRequest(path, SHOP, { userId: "1" }).then((request) => callLoader(loader, request));

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

describe("a store with a thousand promotions, one with 33,000 codes", () => {
  let crowded: number;

  beforeAll(async () => {
    await resetDatabase();
    await connectDevstoreShop(db, sessionStorage, {
      shop: SHOP,
      adminOrigin: "http://127.0.0.1:4999",
      accessToken: "devstore-token",
      ownerUserId: "1",
      now: new Date(),
    });
    await saveShopDetails(db, { shop: SHOP, name: "Crowded", email: null, currencyCode: "EUR", ianaTimezone: "Europe/Berlin" });
    await db.shop.update({ where: { shop: SHOP }, data: { lastSyncAt: new Date() } });
    await saveOrders(db, SHOP, [
      orderRecord({ processedAt: new Date("2026-10-03T10:00:00Z"), discountCodes: ["CODE-00042"] }),
      orderRecord({ processedAt: new Date("2026-10-04T10:00:00Z"), utmCampaign: "c7" }),
    ]);
    await rebuildRollups(db, SHOP);
    const now = new Date();
    // Each one a week long, all overlapping the first week of October 2026, all with an indicator (lift computed for each).
    await db.promotion.createMany({
      data: Array.from({ length: PROMOTIONS }, (_, i) => ({
        shop: SHOP,
        title: `Promotion ${i}`,
        type: "email",
        // The one that gets 33,000 codes starts last, so it heads every list (latest start first).
        start: i === 0 ? "2026-10-02" : "2026-10-01",
        end: i % 2 === 0 ? "2026-10-07" : "2026-11-30",
        spend: 1_000_000n,
        utmCampaign: `c${i}`,
        indicator: "aov",
        createdBy: "1",
        createdAt: now,
        updatedAt: now,
      })),
    });
    crowded = (await db.promotion.findFirstOrThrow({ where: { shop: SHOP, title: "Promotion 0" } })).id;
    for (let i = 0; i < CODES; i += 5000) {
      await db.promotionCode.createMany({
        data: Array.from({ length: Math.min(5000, CODES - i) }, (_, k) => {
          const code = `CODE-${String(i + k).padStart(5, "0")}`;
          return { shop: SHOP, promotionId: crowded, code, codeLower: code.toLowerCase() };
        }),
      });
    }
    expect(await db.promotionCode.count({ where: { promotionId: crowded } })).toBe(CODES);
    // Written around the app: their windows are computed as the upkeep would.
    expect(await refreshPromotionWindows(db, SHOP)).toBe(PROMOTIONS);
  }, 120_000);

  it("GIVEN the Promotions page THEN it answers fast with one page of promotions, results for those only, and pages to move through", async () => {
    const { value: first, ms } = await timed(() => open(promotionsLoader, "/app/promotions"));
    expect(ms).toBeLessThan(3000);
    expect(first.promotions).toHaveLength(PROMOTIONS_PER_PAGE);
    expect(first.pagination).toMatchObject({
      page: 1,
      pages: Math.ceil(PROMOTIONS / PROMOTIONS_PER_PAGE),
      total: PROMOTIONS,
      hasPrevious: false,
      hasNext: true,
      error: null,
    });
    expect(first.counts.withoutIndicator).toBe(0);

    const last = await open(promotionsLoader, `/app/promotions?page=${first.pagination.pages}`);
    expect(last.pagination).toMatchObject({ page: first.pagination.pages, hasPrevious: true, hasNext: false });
    const shown = new Set([...first.promotions, ...last.promotions].map((promotion) => promotion.id));
    expect(shown.size).toBe(first.promotions.length + last.promotions.length);

    // The promotion with 33,000 codes: its orders are found, its card shows a few codes and how many more.
    const crowdedPage = await open(promotionsLoader, "/app/promotions?q=Promotion%200&page=1");
    const card = crowdedPage.promotions.find((promotion) => promotion.id === crowded)!;
    expect(card.results).toMatchObject({ orders: 1 });
    expect(card.codes.length).toBeLessThanOrEqual(50);
    expect(card.moreCodes).toBe(CODES - card.codes.length);
  }, 60_000);

  it.each([
    ["-1", 1, /not a page number/],
    ["abc", 1, /not a page number/],
    ["1e9", 1, /not a page number/],
    ["0", 1, /not a page number/],
    ["999999999", 40, /only 40 pages/],
  ])("GIVEN ?page=%s THEN page %i is shown with a note, never an error", async (page, shownPage, note) => {
    const view = await open(promotionsLoader, `/app/promotions?page=${page}`);
    expect(view.pagination.page).toBe(shownPage);
    expect(view.pagination.error).toMatch(note);
    expect(view.promotions).toHaveLength(PROMOTIONS_PER_PAGE);
  });

  it("GIVEN Home and the weekly review of a week every promotion overlaps THEN both answer", async () => {
    const { value: home, ms: homeMs } = await timed(() => open(homeLoader, "/app?from=2026-10-01&to=2026-10-07"));
    expect(home.dashboard.state).toBe("ready");
    expect(homeMs).toBeLessThan(10_000);
    const { value: review, ms: reviewMs } = await timed(() => open(reviewLoader, "/app/review?week=2026-09-28"));
    expect(reviewMs).toBeLessThan(10_000);
    expect(review.content.promotions.length + review.content.morePromotions).toBe(PROMOTIONS);
    const listed = review.content.promotions.find((promotion) => promotion.id === crowded)!;
    expect([listed.week?.orders, listed.toDate?.orders]).toEqual(["1", "1"]);
  }, 60_000);

  it("GIVEN a thousand promotions running THEN Home's marketing totals take one attribution query, not one a promotion, and count each order once", async () => {
    const anyPromotion = vi.spyOn(AttributionStore.prototype, "ordersOfAnyPromotion");
    const perPromotion = vi.spyOn(AttributionStore.prototype, "attributedOrdersOf");
    try {
      const home = await open(homeLoader, "/app?from=2026-10-01&to=2026-10-07");
      expect(home.dashboard.state).toBe("ready");
      // The period and the one before it: one query each, whatever the number of promotions.
      expect(anyPromotion.mock.calls.length).toBeLessThanOrEqual(2);
      expect(perPromotion).not.toHaveBeenCalled();
    } finally {
      anyPromotion.mockRestore();
      perPromotion.mockRestore();
    }
    // The same revenue as each promotion's own orders, each order counted once.
    const period = { from: parseDay("2026-10-01")!, to: parseDay("2026-10-07")! };
    const promotions = await db.promotion.findMany({ where: { shop: SHOP }, select: { id: true } });
    const byPromotion = await attributedOrdersOf(db, SHOP, promotions, { zone: "Europe/Berlin", period });
    const orders = new Map([...byPromotion.values()].flat().map((order) => [order.id, order.gross - order.discounts]));
    expect(orders.size).toBe(2);
    expect((await marketingTotals(db, SHOP, "Europe/Berlin", period)).attributedRevenue).toBe([...orders.values()].reduce((sum, value) => sum + value, 0n));
  }, 60_000);

  it("GIVEN the promotion with 33,000 codes WHEN someone duplicates it THEN 400 says why, and nothing is written", async () => {
    const post = (fields: Record<string, string>) =>
      embeddedAction("/app/promotions", SHOP, fields, { userId: "1" }).then((request) =>
        callAction<{ ok: boolean; errors: Record<string, string> }>(promotionsAction, request),
      );
    const result = await post({ intent: "duplicate_promotion", id: String(crowded) });
    expect(result.status).toBe(400);
    expect(result.body.errors.discountCodes).toMatch(/at most 250 codes/);
    expect(await db.promotion.count()).toBe(PROMOTIONS);
  });
});

describe("a store selling 1,200 different products", () => {
  const STORE = "wide-catalogue.myshopify.com";

  it("GIVEN a promotion with linked products THEN the Promotions page shows their sales (product titles asked in slices)", async () => {
    await resetDatabase();
    await connectDevstoreShop(db, sessionStorage, {
      shop: STORE,
      adminOrigin: "http://127.0.0.1:4999",
      accessToken: "devstore-token",
      ownerUserId: "1",
      now: new Date(),
    });
    await saveShopDetails(db, { shop: STORE, name: "Wide", email: null, currencyCode: "EUR", ianaTimezone: "UTC" });
    await db.shop.update({ where: { shop: STORE }, data: { lastSyncAt: new Date() } });
    const line = orderRecord().lines[0]!;
    for (let batch = 0; batch < 12; batch++) {
      await saveOrders(
        db,
        STORE,
        Array.from({ length: 100 }, (_, k) =>
          orderRecord({
            processedAt: new Date("2026-10-03T10:00:00Z"),
            lines: [{ ...line, id: `gid://shopify/LineItem/w${batch * 100 + k}`, productId: `gid://shopify/Product/${5000 + batch * 100 + k}` }],
          }),
        ),
      );
    }
    await rebuildRollups(db, STORE);
    const now = new Date();
    const promotion = await db.promotion.create({
      data: { shop: STORE, title: "Catalogue week", type: "discount", start: "2026-10-01", end: "2026-10-07", createdBy: "1", createdAt: now, updatedAt: now },
    });
    await db.promotionProduct.create({ data: { shop: STORE, promotionId: promotion.id, productId: "gid://shopify/Product/5042" } });
    const page = await callLoader(promotionsLoader, await embeddedRequest("/app/promotions", STORE, { userId: "1" }));
    expect(page.promotions[0]!.products).toMatchObject([{ id: "gid://shopify/Product/5042", units: 2 }]);
  }, 60_000);
});
