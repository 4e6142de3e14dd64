/**
 * Home's "Your costs" step after the first sync: what the figures know of fees, shipping, fixed
 * costs and the default rate, and what they miss; a suggested fee rule or default rate set in one
 * click through the Costs page's own action; each part skipped, or the whole step hidden for good;
 * owners and strategists only, in English and in Chinese; bad input refused with nothing changed.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import { applyCostSettings } from "~/costs/apply-costs.server";
import { parseMoney } from "@throughline/shopify-common/money";
import { formatValue } from "~/indicators/format";
import { rebuildRollups } from "~/indicators/rollups.server";
import { action as costsAction } from "~/routes/app.costs";
import { action as stepAction } from "~/routes/app.costs-step";
import { loader as homeLoader } from "~/routes/app._index";
import { connectDevstoreShop } from "~/shops/connect-devstore.server";
import { sessionStorage } from "~/shopify.server";
import { saveOrders, saveProducts, saveShopDetails } from "~/sync/store-records.server";
import type { TransactionRecord } from "~/sync/records";
import { expectDatabaseUnchanged } from "../bad-input/database-snapshot";
import { db, resetDatabase } from "../helpers/database";
import { callAction, callLoader, embeddedAction, embeddedRequest } from "../helpers/embedded-request";
import { orderRecord, productRecord } from "../helpers/records";

const SHOP = "costs-step.myshopify.com";
const OWNER = "1";
const STAFF = "2";
const STRATEGIST = STAFF;
type Answer = { intent: string; ok: boolean; message?: string; errors?: Record<string, string> };

const home = async (userId = OWNER, locale = "en") =>
  (await callLoader(homeLoader, await embeddedRequest(`/app?locale=${locale}`, SHOP, { userId }))).costsStep;
const step = (fields: Record<string, string>, userId = OWNER) =>
  embeddedAction("/app/costs-step", SHOP, fields, { userId }).then((request) => callAction<Answer>(stepAction, request));
const costs = (fields: Record<string, string>, userId = OWNER) =>
  embeddedAction("/app/costs", SHOP, fields, { userId }).then((request) => callAction<Answer>(costsAction, request));

/** The staff member opens the app (so the team knows them), and is made a strategist. */
async function becomeStrategist() {
  await home(STAFF);
  await db.staffMember.update({ where: { shop_userId: { shop: SHOP, userId: STAFF } }, data: { role: "strategist" } });
}

/** The store's payments over the last days: each gateway's sales, amounts in dollars. */
const PAYMENTS: { gateway: string; amount: string; listed: boolean }[] = [
  { gateway: "shopify_payments", amount: "100", listed: true },
  { gateway: "shopify_payments", amount: "120", listed: true },
  { gateway: "paypal", amount: "40", listed: false },
  { gateway: "paypal", amount: "60", listed: false },
  { gateway: "manual", amount: "20", listed: false },
  { gateway: "cash_on_delivery", amount: "30", listed: false },
];

describe("Home's costs step", () => {
  beforeEach(async () => {
    await resetDatabase();
    await connectDevstoreShop(db, sessionStorage, {
      shop: SHOP,
      adminOrigin: "http://127.0.0.1:4999",
      accessToken: "devstore-token",
      ownerUserId: OWNER,
      now: new Date(),
    });
    await saveShopDetails(db, { shop: SHOP, name: "Costs Step", email: null, currencyCode: "USD", ianaTimezone: "America/New_York" });
    // One product with a cost (Mug, 20 of its 50), one without (Poster).
    await saveProducts(db, SHOP, [
      productRecord(),
      productRecord({
        id: "gid://shopify/Product/2",
        title: "Poster",
        handle: "poster",
        variants: [
          {
            id: "gid://shopify/ProductVariant/21",
            productId: "gid://shopify/Product/2",
            title: "Default",
            sku: "POSTER",
            price: 25_0000n,
            inventoryItemId: "gid://shopify/InventoryItem/211",
            unitCost: null,
          },
        ],
      }),
    ]);
    const processedAt = new Date(Date.now() - 3 * 86_400_000);
    const orders = PAYMENTS.map(({ gateway, amount, listed }, n) => {
      const transaction: TransactionRecord = {
        id: `gid://shopify/OrderTransaction/${n + 1}`,
        kind: "SALE",
        status: "SUCCESS",
        gateway,
        processedAt,
        test: false,
        amount: parseMoney(amount),
        fees: listed ? parseMoney("3") : 0n,
        feesListed: listed,
      };
      const poster = n % 2 === 1;
      return orderRecord({
        processedAt,
        currencyCode: "USD",
        transactions: [transaction],
        ...(poster
          ? {
              lines: [
                {
                  id: `gid://shopify/LineItem/${80000 + n}`,
                  productId: "gid://shopify/Product/2",
                  variantId: "gid://shopify/ProductVariant/21",
                  title: "Poster",
                  sku: "POSTER",
                  quantity: 1,
                  originalUnitPrice: 25_0000n,
                  totalDiscount: 0n,
                },
              ],
            }
          : {}),
      });
    });
    await saveOrders(db, SHOP, orders);
    await rebuildRollups(db, SHOP);
    await db.shop.update({ where: { shop: SHOP }, data: { lastSyncAt: new Date() } });
  });

  it("GIVEN a synced store with no costs set WHEN the owner opens Home THEN each part says what is found and what is missing: the fees known (by the payments' amounts), the gateways without fees with a rule suggested where there is one, no shipping, no fixed costs, and the sales without a product cost with the suggested rate", async () => {
    const total = PAYMENTS.reduce((sum, payment) => sum + Number(payment.amount), 0);
    const known = PAYMENTS.filter((payment) => payment.listed).reduce((sum, payment) => sum + Number(payment.amount), 0);
    const shown = await home();
    expect(shown).not.toBeNull();
    const [fees, shipping, fixedCosts, defaultRate] = shown!.parts;
    expect(fees).toMatchObject({
      part: "fees",
      done: false,
      found: `Fees known for ${formatValue("ratio", known / total, "USD", "en")} of payments in the last 90 days.`,
      missing: "paypal, cash_on_delivery, manual list no fees: set a rule for each, or their fees count as unknown.",
    });
    // Largest amount first; PayPal's published rate and manual payments' none, suggested; nothing known for the rest.
    expect(fees!.part === "fees" && fees!.gateways).toEqual([
      { gateway: "paypal", suggestion: { ratePercent: "3.49", fixedFee: "0.49", words: "3.49% + $0.49 a payment" } },
      { gateway: "cash_on_delivery", suggestion: null },
      { gateway: "manual", suggestion: { ratePercent: "0", fixedFee: "0", words: "0% + $0.00 a payment" } },
    ]);
    expect(shipping).toMatchObject({ part: "shipping", done: false, found: "No shipping rules and no imported shipping costs." });
    expect(shipping!.missing).toMatch(/^What you pay carriers counts as unknown/);
    expect(fixedCosts).toMatchObject({
      part: "fixed_costs",
      done: false,
      found: "No monthly costs yet.",
      missing: expect.stringMatching(/^Rent, salaries, software/),
    });
    // Mugs cost 20 of their 50; the posters (three orders of 25 among 3 × 100 in mugs) have no cost.
    const posterShare = (3 * 25) / (3 * 25 + 3 * 100);
    expect(defaultRate).toMatchObject({
      part: "default_rate",
      done: false,
      found: `${formatValue("ratio", posterShare, "USD", "en")} of net sales in the last 90 days are of products without a cost.`,
      suggestedPercent: "40",
    });
  });

  it("GIVEN the step's suggestions WHEN the owner accepts PayPal's and manual's rules and the default rate in one click each (the Costs page's own action) THEN they are stored and in the costs' history, and the step lists only the gateway left", async () => {
    const shown = await home();
    const fees = shown!.parts.find((part) => part.part === "fees")!;
    for (const row of fees.part === "fees" ? fees.gateways : [])
      if (row.suggestion)
        expect(
          await costs({ intent: "set_gateway_fee", gateway: row.gateway, rate: row.suggestion.ratePercent, fixedFee: row.suggestion.fixedFee }),
        ).toMatchObject({
          status: 200,
        });
    const rate = shown!.parts.find((part) => part.part === "default_rate")!;
    expect(await costs({ intent: "set_default_cost_rate", rate: rate.part === "default_rate" ? rate.suggestedPercent! : "" })).toMatchObject({ status: 200 });

    expect(await db.gatewayFeeRule.findMany({ where: { shop: SHOP }, orderBy: { gateway: "asc" } })).toMatchObject([
      { gateway: "manual", rate: "0", fixedFee: 0n },
      { gateway: "paypal", rate: "0.0349", fixedFee: parseMoney("0.49") },
    ]);
    expect((await db.costSettings.findUniqueOrThrow({ where: { shop: SHOP } })).defaultCostRate).toBe("0.4");
    expect(await db.strategyChange.count({ where: { shop: SHOP } })).toBe(3);

    const after = await home();
    const total = PAYMENTS.reduce((sum, payment) => sum + Number(payment.amount), 0);
    expect(after!.parts[0]).toMatchObject({
      part: "fees",
      found: `Fees known for ${formatValue("ratio", (total - 30) / total, "USD", "en")} of payments in the last 90 days.`,
      missing: "cash_on_delivery lists no fees: set a rule for it, or its fees count as unknown.",
      gateways: [{ gateway: "cash_on_delivery", suggestion: null }],
    });
    expect(after!.parts[3]).toMatchObject({
      part: "default_rate",
      done: true,
      found: "40% for products without a cost.",
      missing: null,
      suggestedPercent: null,
    });
  });

  it("GIVEN a rule for every gateway that lists no fees, applied to the figures THEN the fees part says every fee is known, and Home doesn't read the payments to say so", async () => {
    for (const gateway of ["paypal", "manual", "cash_on_delivery"])
      expect(await costs({ intent: "set_gateway_fee", gateway, rate: "2", fixedFee: "0" })).toMatchObject({ status: 200 });
    expect(await applyCostSettings(db, SHOP, () => new Date())).toBe("applied");
    const reads = vi.spyOn(db.orderTransaction, "groupBy");
    try {
      expect((await home())!.parts[0]).toEqual({
        part: "fees",
        done: true,
        found: `Fees known for ${formatValue("ratio", 1, "USD", "en")} of payments in the last 90 days.`,
        missing: null,
        gateways: [],
      });
      expect(reads).not.toHaveBeenCalled();
    } finally {
      reads.mockRestore();
    }
  });

  it("GIVEN the step WHEN the owner skips fees and shipping THEN those parts are gone and the rest stay; WHEN a strategist sets the last ones THEN Home no longer offers the step; the skipped parts are recorded for the shop", async () => {
    expect(await step({ intent: "skip", part: "fees" })).toMatchObject({
      status: 200,
      body: { ok: true, message: "Payment fees skipped: set it any time on the Costs page." },
    });
    expect(await step({ intent: "skip", part: "shipping" })).toMatchObject({ status: 200 });
    // Skipping twice changes nothing more.
    expect(await step({ intent: "skip", part: "shipping" })).toMatchObject({ status: 200 });
    expect((await home())!.parts.map((part) => part.part)).toEqual(["fixed_costs", "default_rate"]);
    expect((await db.shop.findUniqueOrThrow({ where: { shop: SHOP } })).costsStepSkipped).toBe(JSON.stringify(["fees", "shipping"]));

    await becomeStrategist();
    expect(await home(STRATEGIST)).not.toBeNull();
    expect(await costs({ intent: "create_custom_cost", name: "Rent", kind: "monthly", amount: "1200", fromMonth: "", toMonth: "" }, STRATEGIST)).toMatchObject({
      status: 200,
    });
    expect((await home())!.parts.find((part) => part.part === "fixed_costs")).toMatchObject({ done: true, found: "1 monthly cost.", missing: null });
    expect(await costs({ intent: "set_default_cost_rate", rate: "35" }, STRATEGIST)).toMatchObject({ status: 200 });
    expect(await home()).toBeNull();
    expect(await home(STRATEGIST)).toBeNull();
  });

  it("GIVEN parts still missing WHEN the owner hides the step THEN Home never offers it again, whatever is missing, to anyone", async () => {
    expect(await step({ intent: "dismiss" })).toMatchObject({ status: 200, body: { ok: true } });
    expect(await home()).toBeNull();
    await becomeStrategist();
    expect(await home(STRATEGIST)).toBeNull();
    expect((await db.shop.findUniqueOrThrow({ where: { shop: SHOP } })).costsStepDismissedAt).not.toBeNull();
  });

  it("GIVEN a staff member THEN Home doesn't offer the step, and skipping or hiding it is refused (403) with nothing changed", async () => {
    await home(STAFF);
    expect(await home(STAFF)).toBeNull();
    for (const fields of [{ intent: "skip", part: "fees" }, { intent: "dismiss" }, { intent: "nothing" }] as Record<string, string>[]) {
      const answer = await expectDatabaseUnchanged(db, () => step(fields, STAFF));
      expect(answer).toMatchObject({ status: 403, body: { ok: false } });
      expect(answer.body.errors?.form).toMatch(/owner or a strategist|store owner/i);
    }
    expect(await home()).not.toBeNull();
  });

  it("GIVEN bad input on the step's actions THEN each gets a 400 that says what is wrong, and nothing changes", async () => {
    // The owner has opened the app (the team knows them).
    await home();
    const cases: [Record<string, string>, string, string][] = [
      [{ intent: "skip", part: "taxes" }, "part", "“taxes” is not a part of this step: fees, shipping, fixed_costs, default_rate."],
      [{ intent: "skip" }, "part", "Say which part of the step to skip."],
      [{ intent: "skip", part: "" }, "part", "Say which part of the step to skip."],
      [{ intent: "hide_forever" }, "intent", "“hide_forever” is not something this step does."],
      [{}, "intent", "The form didn't say what to do."],
    ];
    for (const [fields, field, message] of cases) {
      const answer = await expectDatabaseUnchanged(db, () => step(fields));
      expect(answer, JSON.stringify(fields)).toMatchObject({ status: 400, body: { ok: false, errors: { [field]: message } } });
    }
    expect((await home())!.parts).toHaveLength(4);
  });

  it("GIVEN the first sync not finished THEN Home doesn't offer the step yet", async () => {
    await db.shop.update({ where: { shop: SHOP }, data: { lastSyncAt: null } });
    expect(await home()).toBeNull();
  });

  it("GIVEN an owner whose admin is in Chinese THEN every part speaks Chinese, amounts in Chinese formats", async () => {
    const shown = await home(OWNER, "zh-CN");
    const words = shown!.parts.flatMap((part) => [
      part.found,
      part.missing ?? "",
      ...(part.part === "fees" ? part.gateways.map((row) => row.suggestion?.words ?? "") : []),
    ]);
    expect(words.join(" ")).toContain("的付款手续费已知");
    expect(words.join(" ")).toContain("未列出手续费");
    expect(words.join(" ")).toContain("没有运费规则");
    expect(words.join(" ")).toContain("US$0.49");
    for (const text of words) expect(text).not.toMatch(/\b(payments|shipping|monthly|cost)\b/i);
  });
});
