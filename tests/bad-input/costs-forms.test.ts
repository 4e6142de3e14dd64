/**
 * Every form of the Costs page posted by its owner with hostile values: each answers 4xx with a
 * message that says what is wrong, and no table of the database changes (every row compared).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { env } from "~/env.server";
import { MAX_FIELD_LENGTH } from "~/lib/form.server";
import { adminHostParam, mintSessionToken } from "~/preview/session-token.server";
import { action as costsAction } from "~/routes/app.costs";
import { action as costsStepAction } from "~/routes/app.costs-step";
import { connectDevstoreShop } from "~/shops/connect-devstore.server";
import { sessionStorage } from "~/shopify.server";
import { saveShopDetails } from "~/sync/store-records.server";
import { db, resetDatabase } from "../helpers/database";
import { callAction, embeddedAction } from "../helpers/embedded-request";
import { expectDatabaseUnchanged } from "./database-snapshot";

const SHOP = "hostile-costs.myshopify.com";
const OTHER_SHOP = "neighbour-costs.myshopify.com";
type Result = { intent: string; ok: boolean; errors?: Record<string, string> };

const post = (fields: Record<string, string>, shop = SHOP) =>
  embeddedAction("/app/costs", shop, fields).then((request) => callAction<Result>(costsAction, request));

async function postRaw(body: BodyInit, contentType: string, path = "/app/costs", action = costsAction) {
  const { apiKey, apiSecret, appUrl } = env();
  const token = await mintSessionToken({ shop: SHOP, userId: "1", apiKey, apiSecret });
  const url = new URL(path, appUrl);
  url.searchParams.set("shop", SHOP);
  url.searchParams.set("host", adminHostParam(SHOP));
  const request = new Request(url, { method: "POST", headers: { Authorization: `Bearer ${token}`, "content-type": contentType }, body });
  return callAction<Result>(action, request);
}

/** Refused with that status, a message matching, and nothing written. */
async function expectRefused(answer: () => Promise<{ status: number; body: Result }>, message: RegExp, status = 400) {
  const result = await expectDatabaseUnchanged(db, answer);
  expect(result.status, JSON.stringify(result.body)).toBe(status);
  expect(Object.values(result.body.errors ?? {}).join(" | ")).toMatch(message);
}

let otherShopsCost = 0;

beforeAll(async () => {
  await resetDatabase();
  for (const shop of [SHOP, OTHER_SHOP]) {
    await connectDevstoreShop(db, sessionStorage, {
      shop,
      adminOrigin: "http://127.0.0.1:4999",
      accessToken: "devstore-token",
      ownerUserId: "1",
      now: new Date(),
    });
    await saveShopDetails(db, { shop, name: shop, email: null, currencyCode: "EUR", ianaTimezone: "Europe/Berlin" });
  }
  expect(await post({ intent: "create_custom_cost", name: "Theirs", kind: "monthly", amount: "10" }, OTHER_SHOP)).toMatchObject({ status: 200 });
  otherShopsCost = (await db.customCost.findFirstOrThrow({ where: { shop: OTHER_SHOP } })).id;
  expect(await post({ intent: "set_gateway_fee", gateway: "paypal", rate: "3.49", fixedFee: "0.35" })).toMatchObject({ status: 200 });
});

describe("the Costs page's forms, with hostile values", () => {
  it.each([
    ["a fee rule without a gateway", { intent: "set_gateway_fee", gateway: "  ", rate: "3", fixedFee: "0" }, /Name the gateway/],
    ["a gateway name of 101 characters", { intent: "set_gateway_fee", gateway: "g".repeat(101), rate: "3", fixedFee: "0" }, /under 100 characters/],
    ["a negative rate", { intent: "set_gateway_fee", gateway: "paypal", rate: "-3", fixedFee: "0" }, /can't be negative/],
    ["a rate of 100%", { intent: "set_gateway_fee", gateway: "paypal", rate: "100", fixedFee: "0" }, /under 100/],
    ["a rate in words", { intent: "set_gateway_fee", gateway: "paypal", rate: "three", fixedFee: "0" }, /as a number/],
    ["a rate written with a comma", { intent: "set_gateway_fee", gateway: "paypal", rate: "3,49", fixedFee: "0" }, /as a number/],
    ["a rate of 400 digits", { intent: "set_gateway_fee", gateway: "paypal", rate: "9".repeat(400), fixedFee: "0" }, /as a number/],
    ["a fixed fee of a trillion", { intent: "set_gateway_fee", gateway: "paypal", rate: "3", fixedFee: "1000000000000" }, /too large/],
    ["a fixed fee with five decimals", { intent: "set_gateway_fee", gateway: "paypal", rate: "3", fixedFee: "0.12345" }, /at most 4 decimals/],
    ["removing a gateway without a rule", { intent: "remove_gateway_fee", gateway: "stripe" }, /stripe has no fee rule/],
    ["a shipping rule to a country Shopify doesn't know", { intent: "set_shipping_rule", destination: "UK", perOrder: "4" }, /not a country code Shopify uses/],
    ["a shipping rule without a destination", { intent: "set_shipping_rule", destination: "", perOrder: "4" }, /two-letter code/],
    ["a shipping rule without a cost per order", { intent: "set_shipping_rule", destination: "DE", perOrder: "" }, /must be an amount/],
    ["a negative cost per unit", { intent: "set_shipping_rule", destination: "DE", perOrder: "4", perUnit: "-1" }, /can't be negative/],
    ["removing a rule nobody set", { intent: "remove_shipping_rule", destination: "FR" }, /no shipping rule/],
    ["an empty CSV", { intent: "import_shipping_costs", csv: "" }, /the file is empty/],
    ["a CSV with the wrong header", { intent: "import_shipping_costs", csv: "order,price\n#1,2\n" }, /header must name the order and the cost/],
    ["a CSV with one bad line", { intent: "import_shipping_costs", csv: "order name,cost\n#1,2\n#2,€3\n" }, /line 3: The cost must be an amount/],
    ["a CSV naming an order twice", { intent: "import_shipping_costs", csv: "order name,cost\n#1,2\n#1,3\n" }, /#1 is on line 2 already/],
    ["a custom cost of no kind", { intent: "create_custom_cost", name: "Rent", kind: "weekly", amount: "1" }, /Choose monthly/],
    ["a custom cost without a name", { intent: "create_custom_cost", name: "", kind: "monthly", amount: "1" }, /Name the cost/],
    [
      "a monthly cost ending before it starts",
      { intent: "create_custom_cost", name: "Rent", kind: "monthly", amount: "1", fromMonth: "2027-06", toMonth: "2027-01" },
      /before the first/,
    ],
    ["a monthly cost in month 13", { intent: "create_custom_cost", name: "Rent", kind: "monthly", amount: "1", fromMonth: "2027-13" }, /YYYY-MM/],
    ["a month in 1999", { intent: "create_custom_cost", name: "Rent", kind: "monthly", amount: "1", toMonth: "1999-12" }, /between 2000-01 and 2099-12/],
    ["a one-off cost on 30 February", { intent: "create_custom_cost", name: "Fair", kind: "one_off", amount: "1", date: "2027-02-30" }, /calendar date/],
    ["a one-off cost in 2100", { intent: "create_custom_cost", name: "Fair", kind: "one_off", amount: "1", date: "2100-01-01" }, /between/],
    ["a percentage cost of 150%", { intent: "create_custom_cost", name: "Royalty", kind: "percent_of_net_sales", rate: "150" }, /under 100/],
    ["changing another shop's cost", { intent: "update_custom_cost", id: "OTHER", name: "Mine", kind: "monthly", amount: "1" }, /doesn't exist/],
    ["removing another shop's cost", { intent: "remove_custom_cost", id: "OTHER" }, /doesn't exist/],
    ["a cost's id that isn't one", { intent: "remove_custom_cost", id: "1; DROP TABLE" }, /not a cost's id/],
    ["a cost's id past 32 bits", { intent: "remove_custom_cost", id: "99999999999" }, /not a cost's id/],
    ["a default rate of 100%", { intent: "set_default_cost_rate", rate: "100" }, /under 100/],
    ["a default rate in words", { intent: "set_default_cost_rate", rate: "a third" }, /as a number/],
    ["an intent the page doesn't have", { intent: "drop_costs" }, /not something this page does/],
    ["no intent", {}, /didn't say what to do/],
  ] as [string, Record<string, string>, RegExp][])("GIVEN %s THEN it is refused with 400 saying why, and nothing changes", async (_, fields, message) => {
    const resolved = Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, value === "OTHER" ? String(otherShopsCost) : value]));
    await expectRefused(() => post(resolved), message);
  });

  it("GIVEN a post that isn't a form, and a form whose CSV is longer than any field THEN each is refused with 400 and nothing changes", async () => {
    await expectRefused(() => postRaw(JSON.stringify({ intent: "set_default_cost_rate", rate: "30" }), "application/json"), /form/);
    await expectRefused(
      () =>
        postRaw(
          new URLSearchParams({ intent: "import_shipping_costs", csv: `order name,cost\n${"#1,1\n".repeat(MAX_FIELD_LENGTH / 5 + 1)}` }),
          "application/x-www-form-urlencoded",
        ),
      /characters/,
    );
  });
});

describe("Home's costs step, with hostile values", () => {
  const step = (fields: Record<string, string>) =>
    embeddedAction("/app/costs-step", SHOP, fields).then((request) => callAction<Result>(costsStepAction, request));

  it.each([
    ["a part the step doesn't have", { intent: "skip", part: "taxes" }, /not a part of this step/],
    ["a part in capitals", { intent: "skip", part: "FEES" }, /not a part of this step/],
    ["a part named with a NUL", { intent: "skip", part: "fees\u0000" }, /"part" holds a NUL character/],
    ["a part of 5,000 characters", { intent: "skip", part: "f".repeat(5000) }, /not a part of this step|characters/],
    ["no part", { intent: "skip" }, /which part/],
    ["an intent the step doesn't have", { intent: "skip_all" }, /not something this step does/],
    ["no intent", {}, /didn't say what to do/],
  ] as [string, Record<string, string>, RegExp][])("GIVEN %s THEN it is refused with 400 saying why, and nothing changes", async (_, fields, message) => {
    await expectRefused(() => step(fields), message);
  });

  it("GIVEN a post that isn't a form, or a field longer than any form sends THEN 400 and nothing changes", async () => {
    await expectRefused(() => postRaw(JSON.stringify({ intent: "dismiss" }), "application/json", "/app/costs-step", costsStepAction), /form/);
    await expectRefused(
      () =>
        postRaw(
          new URLSearchParams({ intent: "skip", part: "f".repeat(MAX_FIELD_LENGTH + 1) }),
          "application/x-www-form-urlencoded",
          "/app/costs-step",
          costsStepAction,
        ),
      /characters/,
    );
  });
});
