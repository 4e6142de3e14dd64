import { describe, expect, it } from "vitest";
import { MARKETING_INDICATORS } from "~/indicators/definitions";
import { describeChange, formatValue } from "~/indicators/format";

// Figures as people read them: a multiple with "×", and a share never "0.0%" when it isn't zero.

describe("how an indicator's value and change read", () => {
  it.each([
    ["en", 210.84333, "210.84×"],
    ["zh-CN", 0.8333, "0.83×"],
    ["en", 3, "3.00×"],
  ])("GIVEN ROAS in %s WHEN shown THEN it reads as a multiple: %s → %s", (locale, value, shown) => {
    expect(formatValue(MARKETING_INDICATORS.roas.kind, value, "USD", locale)).toBe(shown);
  });

  it.each([
    // The demo's marketing cost ratio: a few hundred of spend against hundreds of thousands of sales.
    [0.000432, "0.043%"],
    [0.00004, "0.004%"],
    [0.0005, "0.1%"],
    [0.126, "12.6%"],
    [0, "0.0%"],
  ])("GIVEN a share of %d WHEN shown THEN it reads %s: zero only when it is zero", (value, shown) => {
    expect(formatValue(MARKETING_INDICATORS.marketing_cost_ratio.kind, value, "USD", "en")).toBe(shown);
  });

  it("GIVEN two small shares WHEN compared THEN the change reads in their digits with its colour; between larger shares in tenths of a point as before", () => {
    expect(describeChange("ratio", 0.0004, 0.00043, false, "en")).toEqual({ text: "+0.003 pts", tone: "critical" });
    expect(describeChange("ratio", 0.12, 0.12003, true, "en")).toEqual({ text: "+0.0 pts", tone: undefined });
    expect(describeChange("ratio", 0.12, 0.125, true, "en")).toEqual({ text: "+0.5 pts", tone: "success" });
  });
});
