import { beforeEach, describe, expect, it } from "vitest";
import { SHOP_ERASURE } from "~/privacy/compliance.server";
import { action as shopRedact } from "~/routes/webhooks.shop.redact";
import { db, resetDatabase } from "../helpers/database";
import { deliver, signedWebhookRequest } from "../helpers/webhook-request";
import { rowsOfShop, schemaModels, seedEveryTable } from "./every-table";

const SAMPLE = "sample-store.myshopify.com";
const OTHER = "other-store.myshopify.com";

const redact = (payloadShop: string, headerShop: string, webhookId?: string) =>
  deliver(
    shopRedact,
    signedWebhookRequest({
      path: "/webhooks/shop/redact",
      topic: "shop/redact",
      shop: headerShop,
      payload: { shop_id: 1, shop_domain: payloadShop },
      ...(webhookId ? { webhookId } : {}),
    }),
  );

describe("shop/redact", () => {
  beforeEach(async () => {
    await resetDatabase();
    await seedEveryTable(db, SAMPLE);
    await seedEveryTable(db, OTHER);
  });

  it("GIVEN the schema THEN every table is either erased by shop (and has a shop column) or listed as holding no shop data", () => {
    const models = schemaModels();
    const unclassified = models.map((model) => model.name).filter((name) => !(name in SHOP_ERASURE));
    expect(unclassified, "tables shop/redact doesn't know about: add them to SHOP_ERASURE").toEqual([]);
    const stale = Object.keys(SHOP_ERASURE).filter((name) => !models.some((model) => model.name === name));
    expect(stale, "SHOP_ERASURE names tables the schema no longer has").toEqual([]);
    const erasedWithoutShopColumn = models
      .filter((model) => SHOP_ERASURE[model.name as keyof typeof SHOP_ERASURE] === "erase")
      .filter((model) => !model.fields.some((field) => field.name === "shop" && field.kind === "scalar" && field.type === "String"))
      .map((model) => model.name);
    expect(erasedWithoutShopColumn).toEqual([]);
  });

  it("GIVEN a row of two shops in every table WHEN one shop is redacted, twice THEN every table holds nothing of it and the other keeps all", async () => {
    const before = await rowsOfShop(db, SAMPLE);
    // The seed covers every table, so the erasure below is checked everywhere.
    expect(Object.entries(before).filter(([, count]) => count === 0)).toEqual([]);
    const otherBefore = await rowsOfShop(db, OTHER);

    for (let i = 0; i < 2; i++) {
      const response = await redact(SAMPLE, SAMPLE, "delivery-shop-redact");
      expect(response.status).toBe(200);
      const after = await rowsOfShop(db, SAMPLE);
      expect(Object.entries(after).filter(([, count]) => count > 0)).toEqual([]);
    }
    expect(await rowsOfShop(db, OTHER)).toEqual(otherBefore);
  });

  it("GIVEN a body signed for other-store WHEN the header says sample-store THEN 400 and neither shop loses anything", async () => {
    const sampleBefore = await rowsOfShop(db, SAMPLE);
    const otherBefore = await rowsOfShop(db, OTHER);
    const response = await redact(OTHER, SAMPLE);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/signed payload is for other-store\.myshopify\.com.*header says sample-store\.myshopify\.com/);
    expect(await rowsOfShop(db, SAMPLE)).toEqual(sampleBefore);
    expect(await rowsOfShop(db, OTHER)).toEqual(otherBefore);
  });

  it("GIVEN a shop the app never knew WHEN its redaction arrives THEN it is acknowledged and nothing is stored", async () => {
    const before = await rowsOfShop(db, "never-installed.myshopify.com");
    const response = await redact("never-installed.myshopify.com", "never-installed.myshopify.com");
    expect(response.status).toBe(200);
    expect(await rowsOfShop(db, "never-installed.myshopify.com")).toEqual(before);
    expect(await db.webhookDelivery.count({ where: { shop: "never-installed.myshopify.com" } })).toBe(0);
  });
});
