import { AppProvider } from "@shopify/polaris";
import { createElement, type ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { CostsStepCard } from "~/components/costs/CostsStepCard";
import { costsStep } from "~/costs/costs-step.server";
import { rebuildRollups } from "~/indicators/rollups.server";
import { POLARIS_TRANSLATIONS } from "~/i18n/polaris";
import { LocaleProvider } from "~/i18n/react";
import type { Language } from "~/i18n/languages";
import { parseMoney } from "@throughline/shopify-common/money";
import { saveOrders, saveShopDetails } from "~/sync/store-records.server";
import { systemActor } from "~/staff/staff.server";
import { db, resetDatabase } from "../helpers/database";
import { orderRecord } from "../helpers/records";

// Home's "Your costs" card as it is served: the step the server gives, rendered in English and in
// Chinese, each one-click form posting what the Costs page's own form posts.

vi.mock("@remix-run/react", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@remix-run/react")>();
  const form = (props: Record<string, unknown>) => createElement("form", props);
  return {
    ...actual,
    useFetcher: () => ({ state: "idle", data: undefined, Form: form }),
    Link: ({ to, children, ...rest }: { to: string; children: ReactNode }) => createElement("a", { href: to, ...rest }, children),
  };
});

const SHOP = "costs-step-render.myshopify.com";

async function card(language: Language): Promise<string> {
  const step = await costsStep(db, { ...systemActor(SHOP), locale: language }, new Date());
  expect(step).not.toBeNull();
  return renderToString(
    createElement(LocaleProvider, {
      language,
      locale: language === "en" ? "en-US" : "zh-CN",
      children: createElement(AppProvider, { i18n: [...POLARIS_TRANSLATIONS[language]], children: createElement(CostsStepCard, { step: step! }) }),
    }),
  );
}

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, " ");

/** Each form's hidden fields, in order: what a click posts. */
const forms = (html: string) =>
  [...html.matchAll(/<form[^>]*action="([^"]+)"[^>]*>(.*?)<\/form>/g)].map(([, action, inner]) => ({
    action,
    fields: Object.fromEntries([...inner!.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map(([, name, value]) => [name, value])),
  }));

describe("Home's costs card as served", () => {
  beforeAll(async () => {
    await resetDatabase();
    await saveShopDetails(db, { shop: SHOP, name: "Costs Step Render", email: null, currencyCode: "USD", ianaTimezone: "America/New_York" });
    await db.shop.update({ where: { shop: SHOP }, data: { lastSyncAt: new Date() } });
    const processedAt = new Date(Date.now() - 2 * 86_400_000);
    const sale = (id: number, gateway: string, listed: boolean) => ({
      id: `gid://shopify/OrderTransaction/${id}`,
      kind: "SALE",
      status: "SUCCESS",
      gateway,
      processedAt,
      test: false,
      amount: parseMoney("50"),
      fees: listed ? parseMoney("1.75") : 0n,
      feesListed: listed,
    });
    await saveOrders(db, SHOP, [
      orderRecord({ processedAt, transactions: [sale(1, "shopify_payments", true)] }),
      orderRecord({ processedAt, transactions: [sale(2, "paypal", false)] }),
      orderRecord({ processedAt, transactions: [sale(3, "bank_deposit", false)] }),
    ]);
    await rebuildRollups(db, SHOP);
  });

  it("GIVEN the owner's step THEN each part says what is found and missing, PayPal's rule is one click that posts the Costs page's fee form, the gateway with no suggestion links to the form, each open part can be skipped and the step hidden", async () => {
    const html = await card("en");
    const page = text(html);
    for (const words of [
      "Your costs",
      "Payment fees",
      "Fees known for 33.3% of payments in the last 90 days.",
      "bank_deposit, paypal list no fees",
      "Use 3.49% + $0.49 a payment for paypal",
      "Set a rule for bank_deposit",
      "Shipping",
      "No shipping rules and no imported shipping costs.",
      "Fixed costs",
      "Default cost rate",
      "Hide this step",
    ])
      expect(page).toContain(words);
    expect(page).not.toMatch(/costsStep\.[a-zA-Z]+/);
    expect(forms(html)).toEqual([
      { action: "/app/costs-step", fields: { intent: "dismiss" } },
      { action: "/app/costs", fields: { intent: "set_gateway_fee", gateway: "paypal", rate: "3.49", fixedFee: "0.49" } },
      { action: "/app/costs-step", fields: { intent: "skip", part: "fees" } },
      { action: "/app/costs-step", fields: { intent: "skip", part: "shipping" } },
      { action: "/app/costs-step", fields: { intent: "skip", part: "fixed_costs" } },
      // No product has a cost: no rate to suggest, only the way to the form, or a skip.
      { action: "/app/costs-step", fields: { intent: "skip", part: "default_rate" } },
    ]);
    expect(html).toContain('href="/app/costs?gateway=bank_deposit#costs-fees"');
    for (const part of ["fees", "shipping", "fixed_costs", "default_rate"]) expect(html).toContain(`href="/app/costs#costs-${part}"`);
    expect(html).toContain('aria-label="Skip Payment fees"');
  });

  it("GIVEN an owner whose admin is in Chinese THEN the card speaks Chinese, with no English word left from the catalogue", async () => {
    const page = text(await card("zh-CN"));
    for (const words of ["您的成本", "支付手续费", "运费", "固定成本", "默认成本率", "跳过", "隐藏此步骤", "为 bank_deposit 设置规则"])
      expect(page).toContain(words);
    for (const english of ["Your costs", "Payment fees", "Skip", "Hide this step", "Set a rule", "shipping"]) expect(page).not.toContain(english);
  });
});
