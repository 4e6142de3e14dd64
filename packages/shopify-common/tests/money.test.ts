import { describe, expect, it } from "vitest";
import { formatMoney, moneyToNumber, parseMoney, sumMoney } from "../src/money";

describe("money", () => {
  it.each([
    ["12.50", 125_000n],
    ["0.01", 100n],
    ["-3.2", -32_000n],
    ["1000", 10_000_000n],
    ["0.125", 1_250n],
    ["7.00000", 70_000n],
  ])("parses %s exactly", (input, expected) => {
    expect(parseMoney(input)).toBe(expected);
  });

  it.each(["", "abc", "1,50", "1.23456", "1e3"])("refuses %j", (input) => {
    expect(() => parseMoney(input)).toThrow();
  });

  it("sums amounts that binary floats get wrong, exactly", () => {
    const total = sumMoney(["0.1", "0.2", "0.3"].map(parseMoney));
    expect(formatMoney(total)).toBe("0.60");
    expect(0.1 + 0.2 + 0.3).not.toBe(0.6);
  });

  it.each([
    [125_000n, 2, "12.50"],
    [1_250n, 2, "0.13"],
    [-1_250n, 2, "-0.13"],
    [-49n, 2, "0.00"],
    [1_235n, 3, "0.124"],
    [99_999n, 0, "10"],
  ])("formats %s with %i decimals as %s, half away from zero", (value, decimals, expected) => {
    expect(formatMoney(value, decimals)).toBe(expected);
  });

  it("gives a number rounded to cents for JSON output", () => {
    expect(moneyToNumber(parseMoney("57604.535"))).toBe(57604.54);
  });
});
