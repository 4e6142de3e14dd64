import { beforeEach, describe, expect, it } from "vitest";
import { saveOrders, saveProducts } from "~/sync/store-records.server";
import { db, resetDatabase } from "../helpers/database";
import { orderRecord, productRecord } from "../helpers/records";

const SHOP = "records-shop.myshopify.com";
const ORDER = "gid://shopify/Order/1";

describe("storing orders and products", () => {
  beforeEach(async () => {
    await resetDatabase();
    await saveProducts(db, SHOP, [productRecord()]);
  });

  it("GIVEN a new line WHEN stored THEN it takes its variant's current unit cost; a line without a known variant cost has none", async () => {
    const order = orderRecord({ id: ORDER });
    const custom = { ...order.lines[0]!, id: "gid://shopify/LineItem/custom", variantId: null, productId: null };
    await saveOrders(db, SHOP, [{ ...order, lines: [...order.lines, custom] }]);
    const lines = await db.orderLine.findMany({ where: { shop: SHOP }, orderBy: { id: "asc" } });
    expect(lines.map((line) => [line.id.split("/").pop(), line.unitCost])).toEqual(
      expect.arrayContaining([
        [order.lines[0]!.id.split("/").pop(), 20_0000n],
        ["custom", null],
      ]),
    );
  });

  it("GIVEN a stored line WHEN the variant's cost changes and the order is stored again THEN the line keeps the cost first seen", async () => {
    const order = orderRecord({ id: ORDER });
    await saveOrders(db, SHOP, [order]);
    const [variant] = productRecord().variants;
    await saveProducts(db, SHOP, [productRecord({ updatedAt: new Date("2026-05-01T00:00:00Z"), variants: [{ ...variant!, unitCost: 35_0000n }] })]);
    await saveOrders(db, SHOP, [{ ...order, updatedAt: new Date("2026-05-02T00:00:00Z") }]);
    const line = await db.orderLine.findFirstOrThrow({ where: { shop: SHOP } });
    expect(line.unitCost).toBe(20_0000n);
  });

  it("GIVEN a newer copy stored WHEN an older copy arrives late THEN the newer data stays", async () => {
    const newer = orderRecord({ id: ORDER, updatedAt: new Date("2026-03-12T00:00:00Z"), totalRefunded: 50_0000n });
    await saveOrders(db, SHOP, [newer]);
    const stored = await saveOrders(db, SHOP, [{ ...newer, updatedAt: new Date("2026-03-11T00:00:00Z"), totalRefunded: 0n }]);
    expect(stored).toBe(0);
    expect((await db.order.findFirstOrThrow({ where: { shop: SHOP, id: ORDER } })).totalRefunded).toBe(50_0000n);
  });

  it("GIVEN an order WHEN stored again with a refund and new codes THEN its children are replaced, not duplicated", async () => {
    const order = orderRecord({ id: ORDER, discountCodes: ["Spring10"] });
    await saveOrders(db, SHOP, [order]);
    await saveOrders(db, SHOP, [
      {
        ...order,
        updatedAt: new Date("2026-03-20T00:00:00Z"),
        discountCodes: ["Spring10", "VIP"],
        refunds: [
          {
            id: "gid://shopify/Refund/1",
            createdAt: new Date("2026-03-20T00:00:00Z"),
            totalRefunded: 50_0000n,
            lines: [{ lineItemId: order.lines[0]!.id, quantity: 1, subtotal: 50_0000n }],
          },
        ],
      },
    ]);
    expect(await db.orderLine.count({ where: { shop: SHOP } })).toBe(1);
    expect(await db.refund.count({ where: { shop: SHOP } })).toBe(1);
    expect(await db.refundLine.count({ where: { shop: SHOP } })).toBe(1);
    const codes = await db.orderDiscountCode.findMany({ where: { shop: SHOP }, orderBy: { code: "asc" } });
    expect(codes.map((code) => code.codeLower)).toEqual(["spring10", "vip"]);
  });
});
