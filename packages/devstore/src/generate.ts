/**
 * A deterministic, realistic devstore generator: a year of orders of a small outdoor / coffee /
 * apparel shop, in the fixture format of `shared/fixtures/README.md` (JSONL, one Admin-GraphQL
 * shaped object a line).
 *
 * - Deterministic: the same options (and seed) give byte-identical output; nothing depends on the
 *   current date or on `Math.random`.
 * - Streaming: `generateStore` yields one object at a time. Only compact per-order plans (a few
 *   bytes each, in typed arrays) and the customers are held in memory, never the orders.
 * - Money is computed in integer minor units of each currency (safe integers, exact), and formatted
 *   with the currency's decimals.
 *
 * Order of output: one `Shop`, then `Product`s, `Customer`s and `Order`s (orders in `processedAt`
 * order, with increasing ids and names), then the store's advertising: `MarketingActivity`s, and
 * day by day the ad platforms' `AdCampaignDay`s and the channels' `MarketingEngagement`s.
 */
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { finished } from "node:stream/promises";
import { buildCatalogue } from "./generate/catalogue";
import { type FixtureObject } from "./generate/fixture-objects";
import { planOrders } from "./generate/order-plan";
import { generateOrders } from "./generate/orders";
import { generateMarketing } from "./generate/marketing";
import { streamSeed, Rng } from "./generate/random";
import { type GenerateOptions, resolveOptions, zoneOf } from "./generate/settings";
import { TimestampFormatter } from "./generate/timestamps";

export { DEFAULT_END, DEFAULT_SHOP_DOMAIN, type GenerateOptions } from "./generate/settings";
export { EDITED_LINE_ITEM_ID_BASE } from "./generate/ids";
export type { FixtureObject, FixtureOrder } from "./generate/fixture-objects";

/**
 * The version of what the generator writes for given options: bumped whenever the output changes
 * (2: orders' shipping country and payments; 3: advertising), so a store file cached by name (the demo's, the
 * benchmarks') carries it in its name and an older one is made again rather than reused.
 */
export const GENERATOR_VERSION = 3;

export interface StoreFixtureSummary {
  orders: number;
  products: number;
  customers: number;
  bytes: number;
}

/**
 * Yields a whole store in the fixture format: one `Shop`, the `Product`s, the `Customer`s, then
 * the `Order`s one at a time (in `processedAt` order). Deterministic for given options.
 */
export function* generateStore(options: GenerateOptions): Generator<FixtureObject, void, undefined> {
  const settings = resolveOptions(options);
  const zone = zoneOf(settings.timeZone);
  const format = new TimestampFormatter();

  yield {
    __typename: "Shop",
    myshopifyDomain: settings.shopDomain,
    name: settings.shopName,
    currencyCode: settings.currency,
    ianaTimezone: settings.timeZone,
    email: "owner@example.com",
  };

  const products = buildCatalogue(settings, zone, new Rng(streamSeed(settings.seed, 1)), format);
  for (const product of products) yield product.fixture;

  const plan = planOrders(settings, zone, new Rng(streamSeed(settings.seed, 2)));
  for (let rank = 0; rank < plan.customerCount; rank++) {
    const c = plan.customersInIdOrder[rank] as number;
    yield {
      __typename: "Customer",
      id: `gid://shopify/Customer/${plan.customerId[c] as number}`,
      createdAt: format.format(plan.customerCreated[c] as number),
      updatedAt: format.format(plan.customerUpdated[c] as number),
    };
  }

  // Stream 4 draws what came later (shipping addresses, payments), so stream 3's orders stay as they were.
  yield* generateOrders(settings, zone, plan, products, new Rng(streamSeed(settings.seed, 3)), format, new Rng(streamSeed(settings.seed, 4)));
  if (settings.ads) yield* generateMarketing(settings, zone, plan, new Rng(streamSeed(settings.seed, 5)), format);
}

/**
 * Writes `generateStore(options)` as JSONL to `path` (with backpressure), atomically: the file
 * appears complete under its name or not at all.
 */
export async function writeStoreFixture(path: string, options: GenerateOptions): Promise<StoreFixtureSummary> {
  const temporary = `${path}.${process.pid}.partial`;
  const stream = createWriteStream(temporary);
  let failure: unknown;
  stream.on("error", (error) => {
    failure ??= error;
  });
  const summary: StoreFixtureSummary = { orders: 0, products: 0, customers: 0, bytes: 0 };
  try {
    let chunk = "";
    for (const object of generateStore(options)) {
      if (object.__typename === "Order") summary.orders++;
      else if (object.__typename === "Product") summary.products++;
      else if (object.__typename === "Customer") summary.customers++;
      chunk += JSON.stringify(object) + "\n";
      if (chunk.length >= 1 << 16) {
        summary.bytes += Buffer.byteLength(chunk);
        const flowing = stream.write(chunk);
        chunk = "";
        if (failure) throw failure;
        if (!flowing) await once(stream, "drain");
      }
    }
    if (chunk) {
      summary.bytes += Buffer.byteLength(chunk);
      stream.write(chunk);
    }
    stream.end();
    await finished(stream);
    if (failure) throw failure;
    await rename(temporary, path);
    return summary;
  } catch (error) {
    stream.destroy();
    await rm(temporary, { force: true });
    throw error;
  }
}
