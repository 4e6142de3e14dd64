import { describe, expect, it } from "vitest";
import { INDICATORS } from "~/indicators/definitions";
import { BUILT_IN_TACTICS, builtInTactics } from "~/playbooks/catalogue";
import { parsePromotion } from "~/promotions/promotion-input";

describe("the built-in playbooks", () => {
  it("GIVEN every tactic THEN its key is unique and names its indicator, and a promotion logged from it passes the form's own rules", () => {
    expect(new Set(BUILT_IN_TACTICS.map((tactic) => tactic.key)).size).toBe(BUILT_IN_TACTICS.length);
    for (const tactic of BUILT_IN_TACTICS) {
      expect(tactic.key.startsWith(`${tactic.indicator}.`)).toBe(true);
      expect(INDICATORS[tactic.indicator]).toBeDefined();
      const logged = parsePromotion({ title: tactic.title, type: tactic.type, start: "2026-12-01", end: "2026-12-14", indicator: tactic.indicator, hypothesis: tactic.hypothesis, spend: "0" });
      expect(logged.ok, tactic.key).toBe(true);
    }
  });

  it("GIVEN the indicators a team acts on THEN each has tactics, and the lists are short", () => {
    for (const indicator of ["aov", "repurchase_rate", "new_customers", "gross_margin", "discount_rate", "return_rate"] as const) {
      const tactics = builtInTactics(indicator);
      expect(tactics.length, indicator).toBeGreaterThan(0);
      expect(tactics.length, indicator).toBeLessThanOrEqual(5);
    }
    expect(builtInTactics("cost_coverage")).toEqual([]);
  });
});
