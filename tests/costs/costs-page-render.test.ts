import { AppProvider } from "@shopify/polaris";
import { createElement, type ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { POLARIS_TRANSLATIONS } from "~/i18n/polaris";
import { LocaleProvider } from "~/i18n/react";
import type { Language } from "~/i18n/languages";
import { connectDevstoreShop } from "~/shops/connect-devstore.server";
import { sessionStorage } from "~/shopify.server";
import { action as costsAction } from "~/routes/app.costs";
import { saveOrders, saveShopDetails } from "~/sync/store-records.server";
import { parseMoney } from "@throughline/shopify-common/money";
import { db, resetDatabase } from "../helpers/database";
import { callAction, callLoader, embeddedAction, embeddedRequest } from "../helpers/embedded-request";
import { orderRecord } from "../helpers/records";

// The Costs page as it is served: its loader's answer rendered by its component, for the owner and
// for staff, in English and in Chinese. Remix's hooks give the loader's answer.

let loaderData: unknown;
let searchParams = new URLSearchParams();
vi.mock("@remix-run/react", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@remix-run/react")>();
  const form = (props: Record<string, unknown>) => createElement("form", props);
  return {
    ...actual,
    useLoaderData: () => loaderData,
    useActionData: () => undefined,
    useNavigation: () => ({ state: "idle" }),
    useSubmit: () => () => {},
    useSearchParams: () => [searchParams, () => {}],
    useFetcher: () => ({ state: "idle", data: undefined, Form: form }),
    Form: form,
    Link: ({ to, children, ...rest }: { to: string; children: ReactNode }) => createElement("a", { href: to, ...rest }, children),
  };
});

const SHOP = "costs-render.myshopify.com";
const OWNER = "1";
const STAFF = "2";

async function costsPage(language: Language, userId = OWNER, query = ""): Promise<string> {
  const { default: Costs, loader } = await import("~/routes/app.costs");
  searchParams = new URLSearchParams(query);
  loaderData = await callLoader(loader, await embeddedRequest(`/app/costs?locale=${language}${query ? `&${query}` : ""}`, SHOP, { userId }));
  return renderToString(
    createElement(LocaleProvider, {
      language,
      locale: language === "en" ? "en-US" : "zh-CN",
      children: createElement(AppProvider, { i18n: [...POLARIS_TRANSLATIONS[language]], children: createElement(Costs) }),
    }),
  );
}

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, " ");

describe("the Costs page as served", () => {
  beforeAll(async () => {
    await resetDatabase();
    await connectDevstoreShop(db, sessionStorage, {
      shop: SHOP,
      adminOrigin: "http://127.0.0.1:4999",
      accessToken: "devstore-token",
      ownerUserId: OWNER,
      now: new Date(),
    });
    await saveShopDetails(db, { shop: SHOP, name: "Costs Render", email: null, currencyCode: "USD", ianaTimezone: "America/New_York" });
    const post = (fields: Record<string, string>) => embeddedAction("/app/costs", SHOP, fields).then((request) => callAction(costsAction, request));
    const settings: Record<string, string>[] = [
      { intent: "set_gateway_fee", gateway: "manual", rate: "0", fixedFee: "0" },
      { intent: "set_shipping_rule", destination: "CA", perOrder: "9.5", perUnit: "1" },
      { intent: "set_shipping_rule", destination: "rest_of_world", perOrder: "20", perUnit: "2" },
      { intent: "import_shipping_costs", csv: "order name,cost\n#1001,7.45\n" },
      { intent: "create_custom_cost", name: "Rent", kind: "monthly", amount: "1200", fromMonth: "2027-01" },
      { intent: "set_default_cost_rate", rate: "35" },
    ];
    for (const fields of settings) expect(await post(fields)).toMatchObject({ status: 200 });
    // Two PayPal payments in the copy, whose fee no rule prices yet.
    const processedAt = new Date(Date.now() - 2 * 86_400_000);
    const paypal = (id: number, amount: string) => ({
      id: `gid://shopify/OrderTransaction/${id}`,
      kind: "SALE",
      status: "SUCCESS",
      gateway: "paypal",
      processedAt,
      test: false,
      amount: parseMoney(amount),
      fees: 0n,
      feesListed: false,
    });
    await saveOrders(db, SHOP, [orderRecord({ processedAt, transactions: [paypal(1, "40")] }), orderRecord({ processedAt, transactions: [paypal(2, "60")] })]);
  });

  it("GIVEN the owner THEN every section shows what is set with its forms, PayPal's rate offered as a suggestion, and the history", async () => {
    const page = text(await costsPage("en"));
    for (const words of [
      "Payment fees",
      "Gateways your store used in the last 90 days",
      "paypal 2 payments, $100.00: fee known on 0",
      "Needs a fee rule",
      "Set a rule for paypal",
      "manual 0% + $0.00 a payment",
      "paypal: 3.49% + 0.49 USD",
      "Use for paypal",
      "Save fee rule",
      "Canada $9.50 an order + $1.00 a unit",
      "Rest of the world $20.00 an order + $2.00 a unit",
      "Actual cost of 1 order imported ($7.45 in all)",
      "Rent $1,200.00 a month from 2027-01",
      "Add cost",
      "Save default rate",
      "No suggestion yet: no product with a cost sold in the last 90 days.",
      "set the default cost rate to 35%",
    ])
      expect(page).toContain(words);
    expect(page).not.toContain("Costs are set by the owner or a strategist");
    expect(page).not.toMatch(/costs\.[a-z]+\.[a-zA-Z]+/);
  });

  it("GIVEN Home's costs step linking to the fee form for a gateway it has no suggestion for (?gateway=) THEN the form starts with that gateway, and each section has the anchor Home links to", async () => {
    const html = await costsPage("en", OWNER, "gateway=cash_on_delivery");
    expect(html).toMatch(/<input[^>]*name="gateway"[^>]*value="cash_on_delivery"/);
    for (const part of ["fees", "shipping", "fixed_costs", "default_rate"]) expect(html).toContain(`id="costs-${part}"`);
    expect(await costsPage("en")).toMatch(/<input[^>]*name="gateway"[^>]*value=""/);
  });

  it("GIVEN a staff member THEN the page says who sets costs and offers no form or button to change them", async () => {
    const html = await costsPage("en", STAFF);
    const page = text(html);
    expect(page).toContain("Costs are set by the owner or a strategist");
    expect(page).toContain("Canada $9.50 an order + $1.00 a unit");
    expect(page).toContain("35%");
    expect(html).not.toContain("<form");
    expect(page).toContain("Needs a fee rule");
    for (const button of [
      "Save fee rule",
      "Save shipping rule",
      "Choose a CSV file",
      "Add cost",
      "Remove",
      "Use for paypal",
      "Set a rule for paypal",
      "Save default rate",
    ])
      expect(page).not.toContain(button);
  });

  it("GIVEN an owner whose admin is in Chinese THEN the page speaks Chinese, with no English word left from the catalogue", async () => {
    const page = text(await costsPage("zh-CN"));
    for (const words of [
      "支付手续费",
      "最近 90 天使用的支付网关",
      "需要手续费规则",
      "为 paypal 设置规则",
      "运费",
      "其他成本",
      "默认成本率",
      "历史记录",
      "世界其他地区",
      "加拿大",
    ])
      expect(page).toContain(words);
    for (const english of ["Payment fees", "Needs a fee rule", "payments", "Rest of the world", "a month", "Save", "History"])
      expect(page).not.toContain(english);
  });
});
