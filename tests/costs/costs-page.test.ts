/**
 * The Costs page as each role uses it: the owner and a strategist change every kind of setting, each
 * change kept in the history and queued for the costs job; staff read the page and are refused (403)
 * whatever they post, with nothing changed.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { parseMoney } from "@throughline/shopify-common/money";
import { rebuildRollups } from "~/indicators/rollups.server";
import { jobQueue, runDueJobs } from "~/jobs/jobs.server";
import { JOB } from "~/jobs/names";
import { action as costsAction, loader as costsLoader } from "~/routes/app.costs";
import { loader as targetsLoader } from "~/routes/app.targets";
import { connectDevstoreShop } from "~/shops/connect-devstore.server";
import { sessionStorage } from "~/shopify.server";
import { saveOrders, saveProducts, saveShopDetails } from "~/sync/store-records.server";
import { db, resetDatabase } from "../helpers/database";
import { callAction, callLoader, embeddedAction, embeddedRequest } from "../helpers/embedded-request";
import { orderRecord, productRecord } from "../helpers/records";
import type { TransactionRecord } from "~/sync/records";
import { expectDatabaseUnchanged } from "../bad-input/database-snapshot";

const SHOP = "costs-shop.myshopify.com";
const OWNER = "1";
const STAFF = "2";
type Result = { intent: string; ok: boolean; message?: string; errors?: Record<string, string> };

const post = (fields: Record<string, string>, userId = OWNER) =>
  embeddedAction("/app/costs", SHOP, fields, { userId }).then((request) => callAction<Result>(costsAction, request));
const open = (userId = OWNER) => embeddedRequest("/app/costs", SHOP, { userId }).then((request) => callLoader(costsLoader, request));
const costJobs = async () => (await jobQueue(db).list({ shop: SHOP, states: ["queued"] })).filter((job) => job.name === JOB.costsChanged);

describe("the Costs page", () => {
  beforeEach(async () => {
    await resetDatabase();
    await connectDevstoreShop(db, sessionStorage, {
      shop: SHOP,
      adminOrigin: "http://127.0.0.1:4999",
      accessToken: "devstore-token",
      ownerUserId: OWNER,
      now: new Date(),
    });
    await saveShopDetails(db, { shop: SHOP, name: "Costs Shop", email: null, currencyCode: "EUR", ianaTimezone: "Europe/Berlin" });
    await db.shop.update({ where: { shop: SHOP }, data: { lastSyncAt: new Date() } });
  });

  it("GIVEN the owner WHEN they set a fee rule, a shipping rule, a monthly cost and the default rate THEN each is stored exactly, in the history, and the costs job is queued", async () => {
    expect(await post({ intent: "set_gateway_fee", gateway: "paypal", rate: "3.49", fixedFee: "0.35" })).toMatchObject({ status: 200, body: { ok: true } });
    expect(await post({ intent: "set_shipping_rule", destination: "de", perOrder: "4.50", perUnit: "0.5" })).toMatchObject({ status: 200 });
    expect(await post({ intent: "set_shipping_rule", destination: "rest_of_world", perOrder: "9", perUnit: "1" })).toMatchObject({ status: 200 });
    expect(await post({ intent: "create_custom_cost", name: "Rent", kind: "monthly", amount: "1200", fromMonth: "2027-01", toMonth: "" })).toMatchObject({
      status: 200,
    });
    expect(await post({ intent: "set_default_cost_rate", rate: "35" })).toMatchObject({ status: 200 });

    expect(await db.gatewayFeeRule.findMany({ where: { shop: SHOP } })).toMatchObject([{ gateway: "paypal", rate: "0.0349", fixedFee: parseMoney("0.35") }]);
    expect(await db.shippingRule.findMany({ where: { shop: SHOP }, orderBy: { destination: "asc" } })).toMatchObject([
      { destination: "DE", perOrder: parseMoney("4.50"), perUnit: parseMoney("0.5") },
      { destination: "rest_of_world", perOrder: parseMoney("9"), perUnit: parseMoney("1") },
    ]);
    expect(await db.customCost.findMany({ where: { shop: SHOP } })).toMatchObject([
      { name: "Rent", kind: "monthly", amount: parseMoney("1200"), rate: null, fromMonth: "2027-01", toMonth: null, date: null },
    ]);
    expect(await db.costSettings.findUniqueOrThrow({ where: { shop: SHOP } })).toMatchObject({ defaultCostRate: "0.35", version: 5, appliedVersion: 0 });

    const page = await open();
    expect(page.canEdit).toBe(true);
    expect(page.gatewayFees).toEqual([{ gateway: "paypal", ratePercent: "3.49", fixedFee: "0.35", words: "3.49% + €0.35 a payment" }]);
    // Countries by name, the rest of the world last (the order the rules apply in).
    expect(page.shippingRules.map((rule) => rule.name)).toEqual(["Germany", "Rest of the world"]);
    expect(page.customCosts[0]).toMatchObject({ name: "Rent", words: "€1,200.00 a month from 2027-01" });
    expect(page.defaultCostRate.ratePercent).toBe("35");
    expect(page.history.map((change) => `${change.who} ${change.what}`)).toEqual([
      "Store Owner set the default cost rate to 35%",
      "Store Owner added the cost “Rent”: €1,200.00 a month from 2027-01",
      "Store Owner set shipping to Rest of the world: €9.00 an order + €1.00 a unit",
      "Store Owner set shipping to Germany: €4.50 an order + €0.50 a unit",
      "Store Owner set the fee of paypal: 3.49% + €0.35 a payment",
    ]);
    // The costs job waits for the shop (on SQLite each change queues one, merged when claimed; pg-boss merges them as they come).
    const jobs = await costJobs();
    expect(jobs.length).toBeGreaterThan(0);
    expect(jobs.every((job) => job.shop === SHOP && job.key === `costs:${SHOP}`)).toBe(true);
  });

  it("GIVEN settings changed WHEN the costs job runs THEN it records the latest version as taken into account", async () => {
    await post({ intent: "set_gateway_fee", gateway: "manual", rate: "0", fixedFee: "0" });
    await post({ intent: "set_default_cost_rate", rate: "30" });
    await runDueJobs(db);
    expect(await db.costSettings.findUniqueOrThrow({ where: { shop: SHOP } })).toMatchObject({ version: 2, appliedVersion: 2, appliedAt: expect.any(Date) });
    expect(await costJobs()).toHaveLength(0);
  });

  it("GIVEN existing settings WHEN the owner changes and removes them THEN the history says from what to what, and removing what isn't there is refused", async () => {
    await post({ intent: "set_gateway_fee", gateway: "paypal", rate: "3.49", fixedFee: "0.35" });
    await post({ intent: "set_gateway_fee", gateway: "paypal", rate: "2.9", fixedFee: "0.30" });
    await post({ intent: "create_custom_cost", name: "Fair", kind: "one_off", amount: "800", date: "2027-03-04" });
    const fair = await db.customCost.findFirstOrThrow({ where: { shop: SHOP } });
    expect(await post({ intent: "update_custom_cost", id: String(fair.id), name: "Fair", kind: "one_off", amount: "650", date: "2027-03-05" })).toMatchObject({
      status: 200,
    });
    expect(await post({ intent: "remove_custom_cost", id: String(fair.id) })).toMatchObject({ status: 200 });
    expect(await post({ intent: "remove_gateway_fee", gateway: "paypal" })).toMatchObject({ status: 200 });
    await post({ intent: "set_default_cost_rate", rate: "30" });
    await post({ intent: "set_default_cost_rate", rate: "" });

    expect(await post({ intent: "remove_gateway_fee", gateway: "paypal" })).toMatchObject({
      status: 400,
      body: { errors: { gateway: "paypal has no fee rule." } },
    });
    expect(await post({ intent: "remove_custom_cost", id: String(fair.id) })).toMatchObject({
      status: 400,
      body: { errors: { id: expect.stringMatching(/doesn't exist/) } },
    });
    expect(await post({ intent: "remove_shipping_rule", destination: "FR" })).toMatchObject({ status: 400 });
    expect(await db.gatewayFeeRule.count()).toBe(0);
    expect(await db.customCost.count()).toBe(0);

    const { history } = await open();
    expect(history.map((change) => change.what)).toEqual([
      "cleared the default cost rate",
      "set the default cost rate to 30%",
      "removed the fee rule of paypal (2.9% + €0.30 a payment)",
      "removed the cost “Fair” (€650.00 on Mar 5, 2027)",
      "changed the cost “Fair” from €800.00 on Mar 4, 2027 to €650.00 on Mar 5, 2027",
      "added the cost “Fair”: €800.00 on Mar 4, 2027",
      "changed the fee of paypal from 3.49% + €0.35 a payment to 2.9% + €0.30 a payment",
      "set the fee of paypal: 3.49% + €0.35 a payment",
    ]);
  });

  it("GIVEN a CSV of actual shipping costs WHEN the owner imports it twice THEN costs are stored by order name, a later import replacing an order's cost, each import in the history", async () => {
    expect(await post({ intent: "import_shipping_costs", csv: "order name,cost\n#1001,7.45\n#1002,3\n" })).toMatchObject({
      status: 200,
      body: { message: "Imported the costs of 2 orders (0 had one before)." },
    });
    expect(await post({ intent: "import_shipping_costs", csv: "Order,Cost\n#1002,4.10\n#1003,5\n" })).toMatchObject({
      body: { message: "Imported the costs of 2 orders (1 had one before)." },
    });
    const rows = await db.shippingCost.findMany({ where: { shop: SHOP }, orderBy: { orderName: "asc" } });
    expect(rows.map((row) => [row.orderName, row.cost])).toEqual([
      ["#1001", parseMoney("7.45")],
      ["#1002", parseMoney("4.10")],
      ["#1003", parseMoney("5")],
    ]);
    const page = await open();
    expect(page.importedShipping).toMatchObject({ orders: 3, total: "€16.55" });
    expect(page.history[0]!.what).toBe("imported the actual shipping costs of 2 orders (1 replaced), €9.10 in all");
  });

  it("GIVEN a CSV with one bad line WHEN imported THEN the answer names the line and nothing is stored", async () => {
    await post({ intent: "import_shipping_costs", csv: "order name,cost\n#1001,7.45\n" });
    const answer = await expectDatabaseUnchanged(db, () => post({ intent: "import_shipping_costs", csv: "order name,cost\n#1001,9\n#1002,nine\n" }));
    expect(answer).toMatchObject({ status: 400, body: { ok: false, errors: { csv: expect.stringMatching(/^line 3: The cost must be an amount/) } } });
  });

  it("GIVEN a spreadsheet of daily print spend WHEN a line has a wrong currency, a day out of range or a campaign no promotion has THEN the answer names each line and nothing is stored; a good one is stored against its promotion and the page says so", async () => {
    const at = new Date();
    const promotion = await db.promotion.create({
      data: {
        shop: SHOP,
        title: "Autumn print",
        type: "ad",
        start: "2026-09-01",
        end: "2026-09-30",
        utmCampaign: "Autumn",
        utmLower: "autumn",
        createdBy: OWNER,
        createdAt: at,
        updatedAt: at,
      },
    });
    const header = "date,channel,campaign,spend,currency";
    await open(); // the owner has opened the page (their first visit records them)
    const answer = await expectDatabaseUnchanged(db, () =>
      post({
        intent: "import_ad_spend",
        csv: `${header}\n2026-09-02,Print,autumn,40,USD\n2019-09-03,Print,autumn,40,EUR\n2026-09-04,Print,Winter,40,EUR\n2026-09-05,Print,Autumn print,40,EUR\n`,
      }),
    );
    expect(answer).toMatchObject({ status: 400, body: { ok: false } });
    const said = answer.body.errors!.spendCsv!.split("\n");
    expect(said).toEqual([expect.stringMatching(/^line 2: .*USD/), expect.stringMatching(/^line 3: .*2019-09-03/), expect.stringMatching(/^line 4: .*Winter/)]);

    expect(await post({ intent: "import_ad_spend", csv: `${header}\n2026-09-02,Print,AUTUMN,40,eur\n2026-09-05,Print,Autumn print,12.5,EUR\n` })).toMatchObject(
      {
        status: 200,
        body: { message: "Imported 2 days of spend (€52.50) for 1 promotions; days imported before for the same channel and campaign were replaced." },
      },
    );
    expect(
      (await db.importedAdSpend.findMany({ where: { shop: SHOP }, orderBy: { date: "asc" } })).map((row) => [row.promotionId, row.date, row.spend]),
    ).toEqual([
      [promotion.id, "2026-09-02", parseMoney("40")],
      [promotion.id, "2026-09-05", parseMoney("12.5")],
    ]);
    expect((await open()).ads.imported).toEqual({ days: 2, total: "52.5000" });
  });

  it("GIVEN a staff member THEN they see the costs read-only, and every change they post is refused with 403 and changes nothing", async () => {
    await post({ intent: "set_gateway_fee", gateway: "paypal", rate: "3.49", fixedFee: "0.35" });
    await post({ intent: "create_custom_cost", name: "Rent", kind: "monthly", amount: "1200" });
    const rent = await db.customCost.findFirstOrThrow({ where: { shop: SHOP } });
    const page = await open(STAFF);
    expect(page.canEdit).toBe(false);
    expect(page.gatewayFees).toHaveLength(1);
    const posts: Record<string, string>[] = [
      { intent: "set_gateway_fee", gateway: "paypal", rate: "1", fixedFee: "0" },
      { intent: "remove_gateway_fee", gateway: "paypal" },
      { intent: "set_shipping_rule", destination: "DE", perOrder: "1" },
      { intent: "remove_shipping_rule", destination: "DE" },
      { intent: "import_shipping_costs", csv: "order name,cost\n#1,1\n" },
      { intent: "import_ad_spend", csv: "date,channel,campaign,spend,currency\n2026-03-01,Print,x,1,EUR\n" },
      { intent: "set_currency_rate", currency: "USD", month: "2026-03", rate: "0.9" },
      { intent: "disconnect_ad_platform", platform: "meta" },
      { intent: "create_custom_cost", name: "Mine", kind: "monthly", amount: "1" },
      { intent: "update_custom_cost", id: String(rent.id), name: "Rent", kind: "monthly", amount: "1" },
      { intent: "remove_custom_cost", id: String(rent.id) },
      { intent: "set_default_cost_rate", rate: "20" },
      // Bad input from staff is refused for who they are, before what they sent.
      { intent: "set_default_cost_rate", rate: "abc" },
      { intent: "no_such_thing" },
    ];
    for (const fields of posts) {
      const answer = await expectDatabaseUnchanged(db, () => post(fields, STAFF));
      expect(answer, fields.intent).toMatchObject({
        status: 403,
        body: { ok: false, errors: { form: "Only the store owner or a strategist can change the costs." } },
      });
    }
  });

  it("GIVEN a strategist THEN they may change the costs, recorded under their name", async () => {
    await open(STAFF);
    await db.staffMember.update({ where: { shop_userId: { shop: SHOP, userId: STAFF } }, data: { role: "strategist" } });
    expect(await post({ intent: "set_shipping_rule", destination: "JP", perOrder: "12", perUnit: "0" }, STAFF)).toMatchObject({ status: 200 });
    expect(await db.strategyChange.findFirstOrThrow({ where: { shop: SHOP, entity: "shipping_rule" } })).toMatchObject({
      actorId: STAFF,
      actorName: "Sam Rivera",
    });
  });

  it("GIVEN cost changes in the history THEN the Targets page's history leaves them out (it describes goals, targets and roles)", async () => {
    await post({ intent: "set_default_cost_rate", rate: "35" });
    const targets = await embeddedRequest("/app/targets", SHOP).then((request) => callLoader(targetsLoader, request));
    expect(targets.history).toEqual([]);
  });

  it("GIVEN products with a cost sold in the last 90 days THEN the page suggests their cost rate and says what share of sales it would fill", async () => {
    const now = new Date();
    await saveProducts(db, SHOP, [productRecord()]);
    // One line with a cost (the mug, 2 × 50.00 at a cost of 20.00 each) and one without (a custom item).
    const withoutCost = {
      ...orderRecord().lines[0]!,
      id: "gid://shopify/LineItem/999",
      productId: null,
      variantId: null,
      title: "Custom",
      quantity: 1,
      originalUnitPrice: parseMoney("100"),
    };
    await saveOrders(db, SHOP, [
      orderRecord({ processedAt: new Date(now.getTime() - 5 * 86_400_000) }),
      orderRecord({ processedAt: new Date(now.getTime() - 6 * 86_400_000), lines: [withoutCost] }),
    ]);
    await rebuildRollups(db, SHOP);
    const line = await db.orderLine.findFirstOrThrow({ where: { shop: SHOP, unitCost: { not: null } } });
    const cost = Number(line.unitCost) * line.quantity;
    const sales = Number(line.originalUnitPrice) * line.quantity;
    const { defaultCostRate } = await open();
    expect(Number(defaultCostRate.suggestedPercent)).toBeCloseTo((cost / sales) * 100, 2);
    expect(defaultCostRate.fills).toBeCloseTo(100 / (100 + sales / 10_000), 9);
  });

  it("GIVEN payments in the copy WHEN the owner opens the page THEN it lists the gateways used in the last 90 days with the share whose fee is known, marks those needing a rule, and keeps PayPal as a suggestion", async () => {
    const now = new Date();
    const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
    let next = 0;
    const transaction = (gateway: string, amount: string, overrides: Partial<TransactionRecord> = {}): TransactionRecord => ({
      id: `gid://shopify/OrderTransaction/${++next}`,
      kind: "SALE",
      status: "SUCCESS",
      gateway,
      processedAt: daysAgo(3),
      test: false,
      amount: parseMoney(amount),
      fees: 0n,
      feesListed: false,
      ...overrides,
    });
    const paid = [
      transaction("shopify_payments", "300", { fees: parseMoney("9"), feesListed: true }),
      transaction("shopify_payments", "100", { kind: "CAPTURE" }),
      transaction("paypal", "80"),
      transaction("paypal", "20", { processedAt: daysAgo(60) }),
      transaction("Cash on Delivery (COD)", "50"),
    ];
    const ignored = [
      transaction("paypal", "999", { status: "FAILURE" }),
      transaction("paypal", "999", { kind: "AUTHORIZATION" }),
      transaction("shopify_payments", "999", { kind: "REFUND" }),
      transaction("bogus", "999", { test: true }),
      transaction("stripe", "999", { processedAt: daysAgo(120) }),
    ];
    await saveOrders(
      db,
      SHOP,
      [...paid, ...ignored].map((row) => orderRecord({ processedAt: row.processedAt ?? now, transactions: [row] })),
    );
    await post({ intent: "set_gateway_fee", gateway: "Cash on Delivery (COD)", rate: "0", fixedFee: "1" });

    const page = await open();
    const expected = ["shopify_payments", "paypal", "Cash on Delivery (COD)"].map((gateway) => {
      const rows = paid.filter((row) => row.gateway === gateway);
      const amount = rows.reduce((sum, row) => sum + row.amount, 0n);
      const listed = rows.filter((row) => row.feesListed).reduce((sum, row) => sum + row.amount, 0n);
      const hasRule = gateway === "Cash on Delivery (COD)";
      return { gateway, payments: rows.length, knownShare: hasRule ? 1 : Number(listed) / Number(amount), hasRule, needsRule: !hasRule && listed < amount };
    });
    expect(page.usedGateways).toMatchObject(expected);
    expect(page.usedGatewayDays).toBe(90);
    expect(page.usedGateways.map((row) => row.needsRule)).toEqual([true, true, false]);
    expect(page.gatewaySuggestions.map((suggestion) => suggestion.gateway)).toContain("paypal");
    // The change waits for the costs job, which the page says; once it ran, nothing is pending.
    expect(page.applying).toEqual({ done: null, total: null });
    await runDueJobs(db);
    expect((await open()).applying).toBeNull();
  });
});
