import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { z } from "zod";

// The devstore fixture format (../shared/fixtures/README.md): one Admin-shaped object per line. The
// fields the devstore computes with are checked here; the rest is served as it is.
const gid = z.string().startsWith("gid://shopify/");
const shopSchema = z.looseObject({
  __typename: z.literal("Shop"),
  myshopifyDomain: z.string().min(1),
  name: z.string(),
  currencyCode: z.string().length(3),
  ianaTimezone: z.string().min(1),
});
const productSchema = z.looseObject({
  __typename: z.literal("Product"),
  id: gid,
  title: z.string(),
  variants: z.array(z.looseObject({ id: gid })).default([]),
});
const customerSchema = z.looseObject({ __typename: z.literal("Customer"), id: gid });
const decimal = z.string().regex(/^-?\d+(\.\d+)?$/, "must be a decimal string");
const moneyV2 = z.looseObject({ amount: decimal, currencyCode: z.string().length(3) });
const moneyBag = z.looseObject({ shopMoney: moneyV2, presentmentMoney: moneyV2 });
const timestamp = z.iso.datetime({ offset: true });
// Payments (issue 25): optional, so stores written before them load as they did.
const feeSchema = z.looseObject({ id: gid, type: z.string(), amount: moneyV2, flatFee: moneyV2, rate: decimal, taxAmount: moneyV2 });
const transactionSchema = z.looseObject({
  id: gid,
  kind: z.enum(["AUTHORIZATION", "CAPTURE", "CHANGE", "EMV_AUTHORIZATION", "REFUND", "SALE", "SUGGESTED_REFUND", "VOID"]),
  status: z.enum(["AWAITING_RESPONSE", "ERROR", "FAILURE", "PENDING", "SUCCESS", "UNKNOWN"]),
  gateway: z.string().nullable(),
  processedAt: timestamp.nullable(),
  test: z.boolean(),
  amountSet: moneyBag,
  fees: z.array(feeSchema),
});
const orderSchema = z.looseObject({
  __typename: z.literal("Order"),
  id: gid,
  processedAt: z.string(),
  updatedAt: z.string(),
  createdAt: z.string(),
  lineItems: z.array(z.looseObject({ id: gid })).default([]),
  refunds: z.array(z.looseObject({ id: gid })).default([]),
  shippingAddress: z
    .looseObject({ countryCodeV2: z.string().regex(/^[A-Z]{2}$/, "must be a two-letter country code") })
    .nullable()
    .optional(),
  transactions: z.array(transactionSchema).optional(),
});
// Marketing (issue 26): what apps reported to Shopify, and the ad platforms' own daily reports.
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD");
const count = z.number().int().min(0);
const marketingActivitySchema = z.looseObject({
  __typename: z.literal("MarketingActivity"),
  id: gid,
  title: z.string().min(1),
  createdAt: timestamp,
  marketingChannelType: z.string().min(1),
  utmParameters: z.looseObject({ campaign: z.string().nullable(), source: z.string().nullable(), medium: z.string().nullable() }).nullable(),
  app: z.looseObject({ title: z.string().min(1) }),
});
const marketingEngagementSchema = z.looseObject({
  __typename: z.literal("MarketingEngagement"),
  marketingActivity: z.looseObject({ id: gid }),
  occurredOn: day,
  utcOffset: z.string().regex(/^[+-]\d{2}:\d{2}$/, "must be an offset like +01:00"),
  adSpend: moneyV2.nullable(),
  sales: moneyV2.nullable(),
  clicksCount: count,
  impressionsCount: count,
  orders: z.union([count, decimal]).nullable(),
});
const adCampaignDaySchema = z.looseObject({
  __typename: z.literal("AdCampaignDay"),
  platform: z.enum(["meta", "google", "tiktok"]),
  accountId: z.string().min(1),
  accountName: z.string(),
  accountCurrency: z.string().length(3),
  accountTimezone: z.string().min(1),
  campaignId: z.string().min(1),
  campaignName: z.string(),
  utmCampaign: z.string().nullable(),
  date: day,
  spend: decimal,
  impressions: count,
  clicks: count,
});
const lineSchema = z.discriminatedUnion("__typename", [
  shopSchema,
  productSchema,
  customerSchema,
  orderSchema,
  marketingActivitySchema,
  marketingEngagementSchema,
  adCampaignDaySchema,
]);

export type FixtureRecord = Record<string, unknown> & { id: string };
export type FixtureShop = z.infer<typeof shopSchema>;

export type FixtureMarketingActivity = z.infer<typeof marketingActivitySchema>;
export type FixtureMarketingEngagement = z.infer<typeof marketingEngagementSchema>;
export type FixtureAdCampaignDay = z.infer<typeof adCampaignDaySchema>;

export interface DevstoreData {
  shop: FixtureShop;
  products: FixtureRecord[];
  customers: FixtureRecord[];
  orders: FixtureRecord[];
  /** Marketing activities other apps reported to Shopify, and their daily engagements. */
  marketingActivities?: FixtureMarketingActivity[];
  marketingEngagements?: FixtureMarketingEngagement[];
  /** The ad platforms' daily campaign reports (not Shopify objects). */
  adCampaignDays?: FixtureAdCampaignDay[];
}

export function parseFixtureLine(text: string, lineNumber: number): z.infer<typeof lineSchema> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`fixture line ${lineNumber}: not JSON (${(error as Error).message})`);
  }
  const result = lineSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`fixture line ${lineNumber}: ${issue?.path.join(".") || "__typename"} ${issue?.message ?? "is invalid"}`);
  }
  return result.data;
}

/** Streams a fixture file; a bad line is an error naming its line number. Exactly one Shop. */
export async function loadFixture(path: string): Promise<DevstoreData> {
  const shops: FixtureShop[] = [];
  const data = {
    products: [] as FixtureRecord[],
    customers: [] as FixtureRecord[],
    orders: [] as FixtureRecord[],
    marketingActivities: [] as FixtureMarketingActivity[],
    marketingEngagements: [] as FixtureMarketingEngagement[],
    adCampaignDays: [] as FixtureAdCampaignDay[],
  };
  const engagementLines: number[] = [];
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const text of lines) {
    lineNumber += 1;
    if (!text.trim()) continue;
    const record = parseFixtureLine(text, lineNumber);
    if (record.__typename === "Shop") shops.push(record);
    else if (record.__typename === "Product") data.products.push(record);
    else if (record.__typename === "Customer") data.customers.push(record);
    else if (record.__typename === "Order") data.orders.push(record);
    else if (record.__typename === "MarketingActivity") data.marketingActivities.push(record);
    else if (record.__typename === "MarketingEngagement") {
      data.marketingEngagements.push(record);
      engagementLines.push(lineNumber);
    } else data.adCampaignDays.push(record);
  }
  if (shops.length !== 1) throw new Error(`fixture ${path}: expected exactly one Shop, found ${shops.length}`);
  const activities = new Set(data.marketingActivities.map((activity) => activity.id));
  const orphan = data.marketingEngagements.findIndex((engagement) => !activities.has(engagement.marketingActivity.id));
  if (orphan >= 0) throw new Error(`fixture line ${engagementLines[orphan]}: marketingActivity.id names no MarketingActivity of the file`);
  return { shop: shops[0]!, ...data };
}
