import { describe, expect, it } from "vitest";
import { INDICATORS } from "~/indicators/definitions";
import { localizer } from "~/i18n/localizer";
import { LANGUAGES } from "~/i18n/languages";
import { BUILT_IN_TACTICS, builtInTactic, builtInTactics } from "~/playbooks/built-in-tactics";
import { parsePromotion } from "~/promotions/promotion-input";

const ENGLISH = localizer("en");

describe("the built-in playbooks", () => {
  it.each(LANGUAGES)(
    "GIVEN every tactic in %s THEN its key is unique and names its indicator, its words are there, and a promotion logged from it passes the form's own rules",
    (language) => {
      expect(new Set(BUILT_IN_TACTICS.map((tactic) => tactic.key)).size).toBe(BUILT_IN_TACTICS.length);
      for (const structure of BUILT_IN_TACTICS) {
        const tactic = builtInTactic(structure, localizer(language));
        expect(tactic.key.startsWith(`${tactic.indicator}.`)).toBe(true);
        expect(INDICATORS[tactic.indicator]).toBeDefined();
        // A missing message comes back as its key.
        for (const words of [tactic.title, tactic.how, tactic.hypothesis]) expect(words, tactic.key).not.toMatch(/^playbooks\./);
        const logged = parsePromotion({
          title: tactic.title,
          type: tactic.type,
          start: "2026-12-01",
          end: "2026-12-14",
          indicator: tactic.indicator,
          hypothesis: tactic.hypothesis,
          spend: "0",
        });
        expect(logged.ok, tactic.key).toBe(true);
      }
    },
  );

  it("GIVEN the indicators a team acts on THEN each has tactics, and the lists are short", () => {
    for (const indicator of ["aov", "repurchase_rate", "new_customers", "gross_margin", "discount_rate", "return_rate"] as const) {
      const tactics = builtInTactics(indicator, ENGLISH);
      expect(tactics.length, indicator).toBeGreaterThan(0);
      expect(tactics.length, indicator).toBeLessThanOrEqual(5);
    }
    expect(builtInTactics("cost_coverage", ENGLISH)).toEqual([]);
    expect(builtInTactics("aov", localizer("zh-CN")).map((tactic) => tactic.title)).toEqual(["组合套装", "包邮门槛", "结账时追加销售"]);
  });
});
