/**
 * A week's review read against the store behind it, as of the day the page says its figures are:
 * every count and amount recomputed here from the orders the test stores (its own fixture), with
 * METRICS.md's rules written again (local days in the shop's time zone, codes in any case, UTM
 * campaigns, gross less discounts), never through the app's code. Orders keep coming after the week:
 * none of them may enter it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { rebuildRollups } from "~/indicators/rollups.server";
import { formatDay, parseDay } from "~/lib/calendar";
import { parsePromotion } from "~/promotions/promotion-input";
import { createPromotions } from "~/promotions/promotions.server";
import { weeklyReviewPage } from "~/review/weekly-review.server";
import { systemActor, type Actor } from "~/staff/staff.server";
import { createTarget } from "~/strategy/targets.server";
import { saveOrders, saveShopDetails } from "~/sync/store-records.server";
import type { OrderRecord } from "~/sync/records";
import { runCli } from "../helpers/cli";
import { db, resetDatabase } from "../helpers/database";
import { memberAtStage } from "../helpers/stages";
import { orderRecord } from "../helpers/records";

const SHOP = "as-of-shop.myshopify.com";
const ZONE = "Europe/Berlin";
const WEEK = { from: "2026-11-16", to: "2026-11-22" };
const staff: Actor = { shop: SHOP, userId: "2", name: "Sam Rivera", role: "staff", accountOwner: false, collaborator: false, locale: "en" };

// The store: an order a day with a new customer; every other day one with the welcome code (in either
// case); every third day one from the VIP email's campaign, by two regulars. And three at the week's
// edges in Berlin: Monday 16 at 00:30 (in it), Sunday 22 at 23:30 (in it), Monday 23 at 00:30 (after it).
let lineNumber = 0;
const line = (quantity: number, euros: number, discount = 0n) => ({
  id: `gid://shopify/LineItem/${500_000 + ++lineNumber}`,
  productId: "gid://shopify/Product/1",
  variantId: "gid://shopify/ProductVariant/11",
  title: "Mug",
  sku: "MUG",
  quantity,
  originalUnitPrice: BigInt(euros) * 10_000n,
  totalDiscount: discount,
});
const ORDERS: OrderRecord[] = [];
for (let day = parseDay("2026-10-20")!, i = 0; day <= parseDay("2026-12-02")!; day++, i++) {
  const date = formatDay(day);
  ORDERS.push(orderRecord({ processedAt: new Date(`${date}T10:00:00Z`), customerId: `gid://shopify/Customer/p${i}`, lines: [line(1 + (i % 3), 20 + i)] }));
  if (i % 2 === 0)
    ORDERS.push(
      orderRecord({
        processedAt: new Date(`${date}T14:00:00Z`),
        customerId: `gid://shopify/Customer/w${i}`,
        discountCodes: [i % 4 === 0 ? "welcome" : "WELCOME"],
        totalDiscounts: 5_0000n,
        lines: [line(2, 30, 5_0000n)],
      }),
    );
  if (i % 3 === 0)
    ORDERS.push(
      orderRecord({
        processedAt: new Date(`${date}T16:00:00Z`),
        customerId: `gid://shopify/Customer/vip${i % 2}`,
        utmCampaign: i % 6 === 0 ? "VIP" : "vip",
        lines: [line(1, 80 + i)],
      }),
    );
}
for (const at of ["2026-11-15T23:30:00Z", "2026-11-22T22:30:00Z", "2026-11-22T23:30:00Z"])
  ORDERS.push(orderRecord({ processedAt: new Date(at), customerId: `gid://shopify/Customer/edge-${at}`, discountCodes: ["WELCOME"], lines: [line(1, 44)] }));

const PROMOTIONS = [
  { title: "Welcome code", start: "2026-11-02", end: "2026-11-29", spend: 280, codes: ["welcome"], utm: null, indicator: "new_customers" },
  { title: "VIP email", start: "2026-11-18", end: "2026-12-04", spend: 170, codes: [], utm: "vip", indicator: "repurchase_rate" },
  { title: "Old flyer", start: "2026-11-01", end: "2026-11-10", spend: 0, codes: ["flyer"], utm: null, indicator: "aov" },
] as const;

// METRICS.md, written again over the fixture.
const localDay = (at: Date) => at.toLocaleDateString("en-CA", { timeZone: ZONE });
const inDays = (order: OrderRecord, from: string, to: string) => localDay(order.processedAt) >= from && localDay(order.processedAt) <= to;
const gross = (order: OrderRecord) => order.lines.reduce((sum, item) => sum + BigInt(item.quantity) * item.originalUnitPrice, 0n);
const later = (a: string, b: string) => (a > b ? a : b);
const earlier = (a: string, b: string) => (a < b ? a : b);
function attributed(promotion: (typeof PROMOTIONS)[number], from: string, to: string): OrderRecord[] {
  return ORDERS.filter(
    (order) =>
      inDays(order, later(from, promotion.start), earlier(to, promotion.end)) &&
      (order.discountCodes.some((code) => (promotion.codes as readonly string[]).includes(code.toLowerCase())) ||
        (promotion.utm !== null && order.utmCampaign?.toLowerCase() === promotion.utm)),
  );
}
const revenue = (orders: OrderRecord[]) => orders.reduce((sum, order) => sum + gross(order) - order.totalDiscounts, 0n);
const euros = (amount: bigint) => new Intl.NumberFormat("en", { style: "currency", currency: "EUR" }).format(Number(amount) / 10_000);
const days = (from: string, to: string) => parseDay(to)! - parseDay(from)! + 1;
/** Spend spread evenly over the promotion's days, for its days in [from, to]. */
const spend = (promotion: (typeof PROMOTIONS)[number], from: string, to: string) =>
  (promotion.spend * days(later(from, promotion.start), earlier(to, promotion.end))) / days(promotion.start, promotion.end);
const firstOrders = new Map<string, string>();
for (const order of [...ORDERS].sort((a, b) => a.processedAt.getTime() - b.processedAt.getTime()))
  if (order.customerId && !firstOrders.has(order.customerId)) firstOrders.set(order.customerId, localDay(order.processedAt));
const newCustomers = (from: string, to: string) => [...firstOrders.values()].filter((day) => day >= from && day <= to).length;
/** A change as the lift words write it ("+6.1%", "−2.0%"), escaped for a regular expression. */
const signedPercent = (change: number) => `${change > 0 ? "\\+" : change < 0 ? "−" : "±"}${Math.abs(change * 100).toFixed(1)}%`;
const shift = (day: string, by: number) => formatDay(parseDay(day)! + by);

describe("a week's review against the store behind it, as of the day it claims", () => {
  beforeAll(async () => {
    await resetDatabase();
    await saveShopDetails(db, { shop: SHOP, name: "As of", email: null, currencyCode: "EUR", ianaTimezone: ZONE });
    await saveOrders(db, SHOP, ORDERS);
    await rebuildRollups(db, SHOP);
    // The staff member logs promotions of their own: the Create stage (tests/team covers the others).
    await memberAtStage(db, SHOP, staff.userId, "create", staff.name);
    for (const promotion of PROMOTIONS) {
      const parsed = parsePromotion({
        title: promotion.title,
        start: promotion.start,
        end: promotion.end,
        spend: String(promotion.spend),
        discountCodes: promotion.codes.join(";").toUpperCase(),
        utmCampaign: promotion.utm ?? "",
        indicator: promotion.indicator,
      });
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
      await createPromotions(db, staff, [parsed.value], new Date("2026-11-01T09:00:00Z"));
    }
    // Both reviewed after the week: in its review, neither is "Reviewed" yet.
    for (const [title, at] of [
      ["Welcome code", "2026-11-30T09:00:00Z"],
      ["Old flyer", "2026-11-25T09:00:00Z"],
    ] as const)
      await db.promotion.updateMany({
        where: { shop: SHOP, title },
        data: { verdict: "worked", learned: "Later lesson", reviewedBy: "1", reviewedByName: "Store Owner", reviewedAt: new Date(at) },
      });
    const owner = systemActor(SHOP);
    expect((await createTarget(db, owner, { indicator: "orders", periodKind: "month", from: "2026-11-01", value: "1000" }, new Date())).ok).toBe(true);
    expect((await createTarget(db, owner, { indicator: "net_sales", periodKind: "week", from: "2026-11-23", value: "100000" }, new Date())).ok).toBe(true);
  }, 60_000);

  it("GIVEN orders before, during and after a past week WHEN its review is read THEN each promotion's week and run to date, its lift, status and the week's figures are those of the stored orders up to the week's end", async () => {
    const page = await weeklyReviewPage(db, systemActor(SHOP), new URLSearchParams({ week: WEEK.from }), new Date("2026-12-07T09:00:00Z"));
    const { content } = page;
    // Reviewed on 30 November and 25 November: in that week, still running, and awaiting its review (overdue).
    expect(content.promotions.find((promotion) => promotion.title === "Welcome code")!.status).toBe("Running");
    expect(content.awaitingReview).toEqual([{ title: "Old flyer", end: "2026-11-10", overdue: true }]);
    expect(content).toMatchObject({ weekStart: WEEK.from, weekEnd: WEEK.to, through: WEEK.to, comparedWith: { from: "2026-11-09", to: "2026-11-15" } });
    expect(page.subtitle).toBe("Figures for Nov 16, 2026 – Nov 22, 2026, as they stood at its end (Europe/Berlin)");

    const shown = (title: string) => content.promotions.find((promotion) => promotion.title === title)!;
    expect(content.promotions.map((promotion) => promotion.title).sort()).toEqual(["VIP email", "Welcome code"]);
    for (const promotion of PROMOTIONS.filter((item) => item.title !== "Old flyer")) {
      const week = attributed(promotion, WEEK.from, WEEK.to);
      const toDate = attributed(promotion, promotion.start, WEEK.to);
      expect(shown(promotion.title).week, promotion.title).toMatchObject({
        from: later(WEEK.from, promotion.start),
        to: WEEK.to,
        orders: String(week.length),
        revenue: euros(revenue(week)),
        spend: euros(BigInt(Math.round(spend(promotion, WEEK.from, WEEK.to) * 10_000))),
      });
      expect(shown(promotion.title).toDate, promotion.title).toMatchObject({
        from: promotion.start,
        to: WEEK.to,
        orders: String(toDate.length),
        revenue: euros(revenue(toDate)),
        spend: euros(BigInt(Math.round(spend(promotion, promotion.start, WEEK.to) * 10_000))),
      });
      // Orders after the week are there, and stay out of it.
      expect(attributed(promotion, promotion.start, promotion.end).length).toBeGreaterThan(toDate.length);
    }
    // The Sunday-night order is in the week; the Monday one just after midnight in Berlin is not.
    expect(attributed(PROMOTIONS[0], WEEK.from, WEEK.to).map((order) => order.processedAt.toISOString())).toEqual(
      expect.arrayContaining(["2026-11-15T23:30:00.000Z", "2026-11-22T22:30:00.000Z"]),
    );

    // Lift of the welcome code (new customers, a sum: compared per day): the week against the 7 days
    // before it began, its run to date (21 days) against the 21 days before.
    const welcome = shown("Welcome code");
    const perDay = (from: string, to: string) => newCustomers(from, to) / days(from, to);
    const weekChange = perDay(WEEK.from, WEEK.to) / perDay("2026-10-26", "2026-11-01") - 1;
    const toDateChange = perDay("2026-11-02", WEEK.to) / perDay("2026-10-12", "2026-11-01") - 1;
    expect(welcome.week!.lift).toEqual([expect.stringMatching(new RegExp(`^New customers ${signedPercent(weekChange)} vs the 7 days before it began;`))]);
    expect(welcome.toDate!.lift).toEqual([expect.stringMatching(new RegExp(`^New customers ${signedPercent(toDateChange)} vs the 21 days before;`))]);

    // The week's figures against the week before, from the same orders.
    const ordersIn = (from: string, to: string) => ORDERS.filter((order) => inDays(order, from, to));
    const figure = (key: string) => content.indicators!.find((indicator) => indicator.key === key)!;
    expect(figure("orders")).toMatchObject({
      display: String(ordersIn(WEEK.from, WEEK.to).length),
      previous: String(ordersIn("2026-11-09", "2026-11-15").length),
    });
    expect(figure("net_sales")).toMatchObject({
      display: euros(revenue(ordersIn(WEEK.from, WEEK.to))),
      previous: euros(revenue(ordersIn("2026-11-09", "2026-11-15"))),
    });
    // The week before, as its own page shows it: every headline figure is the one this week is compared with.
    const weekBefore = await weeklyReviewPage(db, systemActor(SHOP), new URLSearchParams({ week: "2026-11-09" }), new Date("2026-12-07T09:00:00Z"));
    expect(weekBefore.content.indicators!.map((indicator) => [indicator.key, indicator.display])).toEqual(
      content.indicators!.map((indicator) => [indicator.key, indicator.previous]),
    );
    // November's orders target, paced as of the end of the 22nd.
    expect(content.targets.find((target) => target.period.startsWith("Nov 1, 2026"))!.figures).toMatch(
      new RegExp(`^So far ${ordersIn("2026-11-01", WEEK.to).length.toLocaleString("en")} · `),
    );
  });

  it("GIVEN the week under way on its Wednesday morning WHEN its review is read THEN figures, comparisons, targets and promotions all stop at Tuesday, against Monday and Tuesday of the week before, and the page says which days", async () => {
    const page = await weeklyReviewPage(db, systemActor(SHOP), new URLSearchParams(), new Date("2026-11-25T09:00:00Z"));
    expect(page.content.weekStart).toBe("2026-11-16");
    const thisWeek = await weeklyReviewPage(db, systemActor(SHOP), new URLSearchParams({ week: "2026-11-23" }), new Date("2026-11-25T09:00:00Z"));
    const { content } = thisWeek;
    const [from, through] = ["2026-11-23", "2026-11-24"];
    const ordersIn = (a: string, b: string) => ORDERS.filter((order) => inDays(order, a, b)).length;
    // Wednesday's orders are stored already (the clock says 10:00 in Berlin): the week's target doesn't count them either.
    expect(ordersIn("2026-11-25", "2026-11-25")).toBeGreaterThan(0);
    const weekTarget = content.targets.find((target) => target.period.startsWith("Nov 23, 2026"))!;
    expect(weekTarget.figures.split(" · ")[0]).toBe(`So far ${euros(revenue(ORDERS.filter((order) => inDays(order, from, through))))}`);
    expect(content).toMatchObject({ weekStart: from, through, comparedWith: { from: "2026-11-16", to: "2026-11-17" } });
    expect(thisWeek.subtitle).toBe("So far: Nov 23, 2026 – Nov 24, 2026, the days that have ended (Europe/Berlin)");
    expect(content.indicators!.find((indicator) => indicator.key === "orders")).toMatchObject({
      display: String(ordersIn(from, through)),
      previous: String(ordersIn(shift(from, -7), shift(through, -7))),
    });
    const welcome = content.promotions.find((promotion) => promotion.title === "Welcome code")!;
    expect(welcome.week).toMatchObject({ from, to: through, orders: String(attributed(PROMOTIONS[0], from, through).length) });
    expect(welcome.toDate).toMatchObject({ to: through, orders: String(attributed(PROMOTIONS[0], "2026-11-02", through).length) });
  });

  it("GIVEN the same past week WHEN `cli review --week 2026-W47 --json` prints it THEN it gives the page's facts as numbers: the week's and to-date orders and revenue of each promotion from the stored orders", async () => {
    const run = await runCli(["review", "--shop", SHOP, "--week", "2026-W47", "--json"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const review = JSON.parse(run.stdout) as {
      week: unknown;
      indicators: Record<string, number | null>;
      compared_with: { from: string; to: string; indicators: Record<string, number | null> };
      promotions: {
        title: string;
        status: string;
        week: { attributed_orders: number; attributed_revenue: number; spend: number };
        to_date: { attributed_orders: number; attributed_revenue: number; spend: number };
        lift: { week: { previous: { during: number } }; to_date: { previous: { during: number; before: number } } };
        review: unknown;
      }[];
      targets: { indicator: string; actual: number }[];
      signed_off: unknown;
    };
    expect(review.week).toEqual({ from: WEEK.from, to: WEEK.to, through: WEEK.to });
    // Its indicators are the week's as `indicators --json` gives them.
    const indicators = await runCli(["indicators", "--shop", SHOP, "--from", WEEK.from, "--to", WEEK.to, "--json"]);
    expect(review.indicators).toEqual((JSON.parse(indicators.stdout) as { indicators: unknown }).indicators);
    expect(review.indicators.orders).toBe(ORDERS.filter((order) => inDays(order, WEEK.from, WEEK.to)).length);
    expect(review.compared_with).toMatchObject({ from: "2026-11-09", to: "2026-11-15" });
    expect(review.compared_with.indicators.orders).toBe(ORDERS.filter((order) => inDays(order, "2026-11-09", "2026-11-15")).length);
    const amount = (value: bigint) => Math.round(Number(value) / 100) / 100;
    for (const promotion of PROMOTIONS.filter((item) => item.title !== "Old flyer")) {
      const printed = review.promotions.find((item) => item.title === promotion.title)!;
      const week = attributed(promotion, WEEK.from, WEEK.to);
      const toDate = attributed(promotion, promotion.start, WEEK.to);
      expect(printed).toMatchObject({
        status: "running",
        review: null,
        week: { attributed_orders: week.length, attributed_revenue: amount(revenue(week)), spend: spend(promotion, WEEK.from, WEEK.to) },
        to_date: { attributed_orders: toDate.length, attributed_revenue: amount(revenue(toDate)), spend: spend(promotion, promotion.start, WEEK.to) },
      });
    }
    const welcome = review.promotions.find((item) => item.title === "Welcome code")!;
    expect(welcome.lift.week.previous.during).toBeCloseTo(newCustomers(WEEK.from, WEEK.to) / 7, 9);
    expect(welcome.lift.to_date.previous).toMatchObject({ during: expect.closeTo(newCustomers("2026-11-02", WEEK.to) / 21, 9) });
    expect(review.targets.find((target) => target.indicator === "orders")!.actual).toBe(ORDERS.filter((order) => inDays(order, "2026-11-01", WEEK.to)).length);
    expect(review.signed_off).toBeNull();
  }, 60_000);
});
