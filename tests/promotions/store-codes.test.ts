import { beforeEach, describe, expect, it } from "vitest";
import { CODES_OFFERED, storeDiscountCodes } from "~/promotions/store-codes.server";
import { saveOrders, saveShopDetails } from "~/sync/store-records.server";
import { db, resetDatabase } from "../helpers/database";
import { orderRecord } from "../helpers/records";

describe("the store's own discount codes", () => {
  beforeEach(resetDatabase);

  it("GIVEN orders with codes in any case THEN codes are offered most used first, counted in any case, at most a bounded number, and never another shop's", async () => {
    await saveShopDetails(db, { shop: "codes.myshopify.com", name: "Codes", email: null, currencyCode: "EUR", ianaTimezone: "UTC" });
    await saveShopDetails(db, { shop: "other.myshopify.com", name: "Other", email: null, currencyCode: "EUR", ianaTimezone: "UTC" });
    const uses: [string, number][] = [
      ["WELCOME10", 3],
      ["welcome10", 2],
      ["VIP15", 4],
      ...Array.from({ length: CODES_OFFERED + 5 }, (_, n): [string, number] => [`RARE${n}`, 1]),
    ];
    await saveOrders(
      db,
      "codes.myshopify.com",
      uses.flatMap(([code, count]) => Array.from({ length: count }, () => orderRecord({ discountCodes: [code] }))),
    );
    await saveOrders(
      db,
      "other.myshopify.com",
      Array.from({ length: 9 }, () => orderRecord({ discountCodes: ["SECRET"] })),
    );
    const codes = await storeDiscountCodes(db, "codes.myshopify.com");
    expect(codes.slice(0, 2)).toEqual([
      { code: "WELCOME10", orders: 5 },
      { code: "VIP15", orders: 4 },
    ]);
    expect(codes).toHaveLength(CODES_OFFERED);
    expect(codes.some((item) => item.code === "SECRET")).toBe(false);
  });
});
