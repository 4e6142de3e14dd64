import { z } from "zod";

// Shopify's compliance and app webhook payloads (only the fields the app uses), checked at the boundary.
const numericId = z.union([z.number().int(), z.string().regex(/^\d+$/)]).transform(String);

export const scopesUpdatePayload = z.object({
  current: z.array(z.string()),
});

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
