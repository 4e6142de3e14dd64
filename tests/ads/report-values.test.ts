import { describe, expect, it } from "vitest";
import { decimalText, microsToDecimal, spansOf, utmCampaignIn, wholeCount } from "~/ads/platforms/report-values";

// The platforms' numbers read without binary floats, and utm_campaign read out of URL parameters.

describe("reading the platforms' report values", () => {
  it("GIVEN Google's costs in micros WHEN made decimal text THEN the division is exact at any size, trailing zeros dropped, absent is 0", () => {
    const cases: [unknown, string][] = [
      ["12340000", "12.34"],
      ["5", "0.000005"],
      ["0", "0"],
      [undefined, "0"],
      ["1000000", "1"],
      ["987654321", "987.654321"],
      // Beyond 2^53: a float would round it.
      ["1234567890123456789", "1234567890123.456789"],
      ["-2500000", "-2.5"],
    ];
    for (const [micros, decimal] of cases) expect([micros, microsToDecimal(micros)]).toEqual([micros, decimal]);
    expect(() => microsToDecimal("12.5")).toThrow("Not an amount in micros");
  });

  it("GIVEN amounts and counts as platforms send them WHEN read THEN decimals stay as written, '-' and absent are zero, and anything else is an error", () => {
    expect([decimalText("5339.5"), decimalText("0.10"), decimalText("-"), decimalText(undefined), decimalText(7)]).toEqual(["5339.5", "0.10", "0", "0", "7"]);
    expect(() => decimalText("1e3")).toThrow("Not a decimal amount");
    expect([wholeCount("361324"), wholeCount(20), wholeCount("-"), wholeCount(undefined)]).toEqual([361324, 20, 0, 0]);
    expect(() => wholeCount("2.5")).toThrow("Not a count");
  });

  it("GIVEN URL parameters WHEN the utm_campaign is read THEN it is decoded, macros are resolved, and none or an empty one is null", () => {
    expect(utmCampaignIn("utm_source=fb&utm_campaign=spring%20sale")).toBe("spring sale");
    expect(utmCampaignIn("https://shop.example/p?x=1&utm_campaign=launch")).toBe("launch");
    expect(utmCampaignIn("utm_campaign={{campaign.id}}-fb", { "{{campaign.id}}": "2001" })).toBe("2001-fb");
    expect([utmCampaignIn("utm_source=fb"), utmCampaignIn("utm_campaign="), utmCampaignIn(null)]).toEqual([null, null, null]);
  });

  it("GIVEN a range WHEN cut into spans of 30 days THEN the spans follow each other and cover it exactly", () => {
    expect(spansOf("2026-01-01", "2026-02-28", 30)).toEqual([
      { since: "2026-01-01", until: "2026-01-30" },
      { since: "2026-01-31", until: "2026-02-28" },
    ]);
    expect(spansOf("2026-03-01", "2026-03-01", 30)).toEqual([{ since: "2026-03-01", until: "2026-03-01" }]);
  });
});
