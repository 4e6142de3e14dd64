import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { z } from "zod";

// The devstore fixture format (../shared/fixtures/README.md): one Admin-shaped object per line.
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
const orderSchema = z.looseObject({
  __typename: z.literal("Order"),
  id: gid,
  processedAt: z.string(),
  updatedAt: z.string(),
  createdAt: z.string(),
  lineItems: z.array(z.looseObject({ id: gid })).default([]),
  refunds: z.array(z.looseObject({ id: gid })).default([]),
});
const lineSchema = z.discriminatedUnion("__typename", [shopSchema, productSchema, customerSchema, orderSchema]);

export type FixtureRecord = Record<string, unknown> & { id: string };
export type FixtureShop = z.infer<typeof shopSchema>;

export interface DevstoreData {
  shop: FixtureShop;
  products: FixtureRecord[];
  customers: FixtureRecord[];
  orders: FixtureRecord[];
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
  const data: Omit<DevstoreData, "shop"> = { products: [], customers: [], orders: [] };
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const text of lines) {
    lineNumber += 1;
    if (!text.trim()) continue;
    const record = parseFixtureLine(text, lineNumber);
    if (record.__typename === "Shop") shops.push(record);
    else if (record.__typename === "Product") data.products.push(record);
    else if (record.__typename === "Customer") data.customers.push(record);
    else data.orders.push(record);
  }
  if (shops.length !== 1) throw new Error(`fixture ${path}: expected exactly one Shop, found ${shops.length}`);
  return { shop: shops[0]!, ...data };
}
