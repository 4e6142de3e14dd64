/**
 * A carrier's export of what each order's shipping cost, read whole: every bad line is named with
 * its number and why, and a file with any bad line gives no costs at all.
 */
import { describe, expect, it } from "vitest";
import { parseMoney } from "@throughline/shopify-common/money";
import { MAX_SHIPPING_BYTES, MAX_SHIPPING_ROWS, parseShippingCostsCsv, readShippingCostsCsv } from "~/costs/shipping-costs-csv";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("imported shipping costs", () => {
  it("GIVEN an export with a header in any of the usual spellings, a BOM and CRLF lines THEN every order's cost is read exactly", () => {
    for (const header of ["order name,cost", "Order Name,Cost", "order_name,shipping cost", "Order,Shipping"]) {
      const read = readShippingCostsCsv(bytes(`\uFEFF${header}\r\n#1001,7.45\r\n#1002,"12"\r\n\r\n`));
      expect(read, header).toEqual({
        ok: true,
        costs: [
          { orderName: "#1001", cost: parseMoney("7.45") },
          { orderName: "#1002", cost: parseMoney("12") },
        ],
      });
    }
  });

  it("GIVEN the cost column first THEN the columns are read by name, not by place", () => {
    expect(parseShippingCostsCsv("cost,order name\n3.10,#1005\n")).toEqual({ ok: true, costs: [{ orderName: "#1005", cost: parseMoney("3.10") }] });
  });

  it("GIVEN bad lines among good ones THEN each bad line is named with its number and reason, and no cost is given", () => {
    const read = parseShippingCostsCsv(
      ["order name,cost", "#1001,7.45", ",3", "#1003,-2", "#1004,abc", "#1001,1", "#1006,1.23456", "#1007,4,extra"].join("\n"),
    );
    expect(read.ok).toBe(false);
    const errors = (read as { errors: string[] }).errors;
    expect(errors).toEqual([
      expect.stringMatching(/^line 3: The order name is empty\./),
      expect.stringMatching(/^line 4: The cost can't be negative\./),
      expect.stringMatching(/^line 5: The cost must be an amount/),
      expect.stringMatching(/^line 6: #1001 is on line 2 already\./),
      expect.stringMatching(/^line 7: The cost has at most 4 decimals\./),
      expect.stringMatching(/^line 8: 1 cell under no column/),
    ]);
  });

  it.each([
    ["an empty file", "", /the file is empty/],
    ["a header without the cost", "order name,price\n#1,2\n", /line 1: the header must name the order and the cost/],
    ["a header with a third column", "order name,cost,carrier\n#1,2,DHL\n", /line 1: the header must name the order and the cost, and nothing else/],
    ["a header alone", "order name,cost\n", /no orders under its header/],
    ["an unclosed quote", 'order name,cost\n"#1,2\n', /isn't valid CSV/],
  ])("GIVEN %s THEN the file is refused saying why", (_, text, message) => {
    const read = parseShippingCostsCsv(text);
    expect(read.ok).toBe(false);
    expect((read as { errors: string[] }).errors.join(" ")).toMatch(message);
  });

  it("GIVEN a file that isn't UTF-8, one too large and one with too many rows THEN each is refused before any line is read", () => {
    const latin1 = Uint8Array.from([...bytes("order name,cost\n#1001,7\n#10"), 0xe9, ...bytes(",3\n")]);
    expect(readShippingCostsCsv(latin1)).toEqual({ ok: false, errors: [expect.stringMatching(/line 3: the file isn't UTF-8/)] });
    expect(readShippingCostsCsv(new Uint8Array(MAX_SHIPPING_BYTES + 1))).toEqual({ ok: false, errors: [expect.stringMatching(/import at most 5 MB/)] });
    const many = ["order name,cost", ...Array.from({ length: MAX_SHIPPING_ROWS + 1 }, (_, i) => `#${i},1`)].join("\n");
    expect(parseShippingCostsCsv(many)).toEqual({ ok: false, errors: [expect.stringMatching(/import at most 100,000 at a time/)] });
  });

  it("GIVEN more than 50 bad lines THEN the first 50 are listed and the rest counted", () => {
    const text = ["order name,cost", ...Array.from({ length: 60 }, (_, i) => `#${i},x`)].join("\n");
    const errors = (parseShippingCostsCsv(text) as { errors: string[] }).errors;
    expect(errors).toHaveLength(51);
    expect(errors[50]).toBe("and 10 more bad rows");
  });
});
