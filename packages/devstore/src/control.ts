import { z } from "zod";
import type { DevstoreBulkOperations } from "./bulk";
import { DevstoreChangeError, type DevStore } from "./store";
import type { DevstoreAppRecords } from "./app-records";
import { AD_PLATFORM_NAMES, type DevstoreAdPlatforms } from "./ads/ad-platforms";
import type { WebhookSender } from "./webhooks";

// The devstore's control API: what a merchant or a buyer would do in Shopify (place, refund,
// cancel an order; edit or delete a product; change a cost), each followed by its webhooks (an
// order's payment and a refund's also by order_transactions/create), and what an ad platform does
// on its side (throttles or goes down for a few calls, loses every token, restates a day's spend).
// POST /devstore/control/<action> with a JSON body and the store's access token.

const gid = (type: string) => z.string().regex(new RegExp(`^gid://shopify/${type}/\\d+$`), `a ${type} GID`);
const decimal = z.string().regex(/^\d+(\.\d+)?$/, "a decimal amount");

const schemas = {
  "orders/create": z.object({
    lines: z
      .array(z.object({ variantId: gid("ProductVariant"), quantity: z.number().int().positive(), unitPrice: decimal.optional(), discount: decimal.optional() }))
      .min(1),
    customerId: gid("Customer").nullable().optional(),
    discountCodes: z.array(z.string().min(1)).optional(),
    processedAt: z.string().datetime().optional(),
    utmCampaign: z.string().min(1).nullable().optional(),
    test: z.boolean().optional(),
    gateway: z.string().min(1).optional(),
    shippingCountry: z
      .string()
      .regex(/^[A-Z]{2}$/, "a two-letter country code")
      .nullable()
      .optional(),
  }),
  "orders/update": z.object({ id: gid("Order") }),
  "orders/refund": z.object({ id: gid("Order"), lines: z.array(z.object({ lineItemId: gid("LineItem"), quantity: z.number().int().positive() })).min(1) }),
  "orders/cancel": z.object({ id: gid("Order") }),
  "products/update": z.object({ id: gid("Product"), title: z.string().min(1).optional() }),
  "products/delete": z.object({ id: gid("Product") }),
  "inventory-items/cost": z.object({ id: gid("InventoryItem"), cost: decimal.nullable() }),
  "bulk/fail-next": z.object({
    errorCode: z.enum(["ACCESS_DENIED", "INTERNAL_SERVER_ERROR", "TIMEOUT"]),
    afterObjects: z.number().int().nonnegative(),
    root: z.string().optional(),
  }),
  "webhooks/redeliver": z.object({ webhookId: z.string().min(1) }),
  "ads/fail-next": z.object({ platform: z.enum(AD_PLATFORM_NAMES), failure: z.enum(["rate_limited", "down"]), calls: z.number().int().positive() }),
  "ads/revoke-tokens": z.object({ platform: z.enum(AD_PLATFORM_NAMES) }),
  "ads/restate": z.object({
    platform: z.enum(AD_PLATFORM_NAMES),
    accountId: z.string().min(1),
    campaignId: z.string().min(1),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a YYYY-MM-DD date"),
    spend: decimal,
  }),
} as const;

type Action = keyof typeof schemas;

export interface ControlResult {
  status: number;
  body: unknown;
}

interface ControlTargets {
  store: DevStore;
  bulk: DevstoreBulkOperations;
  webhooks: WebhookSender;
  apps: DevstoreAppRecords;
  ads: DevstoreAdPlatforms;
}

export function handleControl({ store, bulk, webhooks, apps, ads }: ControlTargets, method: string, path: string, rawBody: string): ControlResult {
  const action = path.replace(/^\//, "");
  if (method === "GET" && action === "webhooks") return { status: 200, body: { webhooks: webhooks.sent } };
  // What the app did in the store: Flow triggers it fired and Analytics targets it keeps.
  if (method === "GET" && action === "flow-triggers") return { status: 200, body: { flowTriggers: apps.flowTriggers } };
  if (method === "GET" && action === "analytics-targets") return { status: 200, body: { analyticsTargets: [...apps.analyticsTargets.values()] } };
  if (method === "GET" && action === "analytics-annotations") return { status: 200, body: { analyticsAnnotations: [...apps.analyticsAnnotations.values()] } };
  if (method === "GET" && action === "marketing-activities") {
    const activities = [...apps.marketingActivities.values()].map((activity) => ({
      ...activity,
      engagements: [...(apps.marketingEngagements.get(activity.remoteId)?.values() ?? [])],
    }));
    return { status: 200, body: { marketingActivities: activities } };
  }
  if (method !== "POST" || !(action in schemas)) return { status: 404, body: { error: `No control action ${method} ${path}` } };
  let json: unknown;
  try {
    json = rawBody ? JSON.parse(rawBody) : {};
  } catch {
    return { status: 400, body: { error: "The body is not valid JSON" } };
  }
  const parsed = schemas[action as Action].safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { status: 400, body: { error: `${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}` } };
  }
  try {
    return { status: 200, body: apply(action as Action, parsed.data, { store, bulk, webhooks, ads }) };
  } catch (error) {
    if (error instanceof DevstoreChangeError) return { status: 422, body: { error: error.message } };
    throw error;
  }
}

function apply(action: Action, input: unknown, { store, bulk, webhooks, ads }: Omit<ControlTargets, "apps">) {
  switch (action) {
    case "orders/create":
      return { order: store.createOrder(input as z.infer<(typeof schemas)["orders/create"]>) };
    case "orders/update":
      return { order: store.touchOrder((input as { id: string }).id) };
    case "orders/refund": {
      const { id, lines } = input as z.infer<(typeof schemas)["orders/refund"]>;
      return { order: store.refundOrder(id, lines) };
    }
    case "orders/cancel":
      return { order: store.cancelOrder((input as { id: string }).id) };
    case "products/update": {
      const { id, title } = input as z.infer<(typeof schemas)["products/update"]>;
      return { product: store.updateProduct(id, { title }) };
    }
    case "products/delete":
      store.deleteProduct((input as { id: string }).id);
      return { deleted: (input as { id: string }).id };
    case "inventory-items/cost": {
      const { id, cost } = input as z.infer<(typeof schemas)["inventory-items/cost"]>;
      return { inventoryItem: store.setUnitCost(id, cost) };
    }
    case "bulk/fail-next":
      bulk.planFailure(input as z.infer<(typeof schemas)["bulk/fail-next"]>);
      return { planned: input };
    case "webhooks/redeliver": {
      const delivery = webhooks.redeliver((input as { webhookId: string }).webhookId);
      if (!delivery) throw new DevstoreChangeError("No such delivery");
      return { webhook: delivery };
    }
    case "ads/fail-next": {
      const { platform, failure, calls } = input as z.infer<(typeof schemas)["ads/fail-next"]>;
      ads.failNext(platform, failure, calls);
      return { planned: input };
    }
    case "ads/revoke-tokens":
      return { revoked: ads.revokeTokens((input as z.infer<(typeof schemas)["ads/revoke-tokens"]>).platform) };
    case "ads/restate":
      return { adCampaignDay: store.restateAdCampaignDay(input as z.infer<(typeof schemas)["ads/restate"]>) };
  }
}
