import { z } from "zod";
import { readAmount } from "~/lib/amount-input";
import type { SignedShop } from "./receive.server";

// Shopify's compliance and app webhook payloads (only the fields the app uses), checked at the boundary.
const numericId = z.union([z.number().int(), z.string().regex(/^\d+$/)]).transform(String);

const timestamp = z.string().refine((value) => !Number.isNaN(Date.parse(value)), "a timestamp");

/** Names its shop by id only (shop_id since API 2025-07); `updated_at` orders the updates. */
export const scopesUpdatePayload = z.object({
  shop_id: numericId,
  current: z.array(z.string()),
  updated_at: timestamp,
});

/** The Shop resource: `myshopify_domain` and `id` say which shop was uninstalled. */
export const appUninstalledPayload = z.object({
  id: numericId,
  myshopify_domain: z.string(),
});

/** Every compliance payload names its shop by domain and id. */
const compliancePayload = z.object({ shop_domain: z.string(), shop_id: numericId.optional() });

/** The shop a payload's signed body names (receive.server.ts checks the unsigned header against it). */
export const signedShopOf = {
  compliance: (payload: unknown): SignedShop => {
    const { shop_domain, shop_id } = parsePayload(compliancePayload, payload);
    return { domain: shop_domain, ...(shop_id !== undefined ? { shopifyId: shop_id } : {}) };
  },
  appUninstalled: (payload: unknown): SignedShop => {
    const { myshopify_domain, id } = parsePayload(appUninstalledPayload, payload);
    return { domain: myshopify_domain, shopifyId: id };
  },
  scopesUpdate: (payload: unknown): SignedShop => ({ shopifyId: parsePayload(scopesUpdatePayload, payload).shop_id }),
};

export const customersDataRequestPayload = z.object({
  shop_domain: z.string(),
  customer: z.object({ id: numericId }),
  orders_requested: z.array(numericId).default([]),
  data_request: z.object({ id: numericId }).optional(),
});

export const customersRedactPayload = z.object({
  shop_domain: z.string(),
  customer: z.object({ id: numericId }),
  orders_to_redact: z.array(numericId).default([]),
});

export const shopRedactPayload = z.object({
  shop_domain: z.string(),
});

export const customerGid = (id: string) => `gid://shopify/Customer/${id}`;
export const orderGid = (id: string) => `gid://shopify/Order/${id}`;

/** A payload that doesn't match gets 400 (and changes nothing) instead of an unexplained 500. */
export function parsePayload<T extends z.ZodType>(schema: T, payload: unknown): z.infer<T> {
  const result = schema.safeParse(payload);
  if (!result.success) {
    throw new Response(`Unexpected webhook payload: ${result.error.issues[0]?.message ?? "invalid"}`, { status: 400 });
  }
  return result.data;
}

// Sync topics: the app only needs which resource changed and when; it reads the rest from the
// Admin API (webhook payloads lack the visit's UTM, and a fetch always gets the latest state).
const gid = (type: string) => z.string().regex(new RegExp(`^gid://shopify/${type}/\\d+$`));

export const orderPayload = z.object({ admin_graphql_api_id: gid("Order"), updated_at: timestamp });
export const refundPayload = z.object({ order_id: numericId, created_at: timestamp.nullable().optional() });
/** order_transactions/create: Shopify's REST Transaction (no fees: the order is read again for them). */
export const orderTransactionPayload = z.object({ order_id: numericId });
export const productPayload = z.object({ admin_graphql_api_id: gid("Product"), updated_at: timestamp });
export const productDeletePayload = z.object({ id: numericId });
export const inventoryItemPayload = z.object({
  admin_graphql_api_id: gid("InventoryItem"),
  updated_at: timestamp,
  // Applied when the delivery is answered: a cost that can't be stored exactly is refused (400) then,
  // not failed on for good while Shopify retries it.
  cost: z
    .union([z.string(), z.number()])
    .nullable()
    .transform((cost) => (cost === null ? null : String(cost)))
    .superRefine((cost, context) => {
      const read = cost === null ? null : readAmount(cost, "cost");
      if (read && "error" in read) context.addIssue({ code: z.ZodIssueCode.custom, message: read.error });
    }),
});
export const bulkFinishPayload = z.object({ admin_graphql_api_id: gid("BulkOperation"), status: z.string() });
