import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import en from "~/i18n/catalogues/en";
import { REPORTED_INDICATOR_KEYS } from "~/indicators/definitions";
import { PROMOTION_FIGURE_KEYS } from "~/promotions/promotion-cost";

// docs/indicators.md defines every figure the app reports: it names exactly the keys the code
// reports, each by the name the app shows.

/** The rows of the document's tables: key (in backticks) and name. */
function documentedRows(markdown: string): { key: string; name: string }[] {
  return [...markdown.matchAll(/^\| `([a-z_]+)` \| ([^|]+) \|/gm)].map((match) => ({ key: match[1]!, name: match[2]!.trim() }));
}

describe("the indicator document", () => {
  const rows = documentedRows(readFileSync("docs/indicators.md", "utf8"));

  it("GIVEN docs/indicators.md THEN it defines exactly the indicators the app reports and the promotion figures, each once", () => {
    expect(rows.map((row) => row.key).sort()).toEqual([...REPORTED_INDICATOR_KEYS, ...PROMOTION_FIGURE_KEYS].sort());
  });

  it("GIVEN each row THEN its name is the one the app shows in English", () => {
    const shown = (key: string) =>
      (PROMOTION_FIGURE_KEYS as readonly string[]).includes(key)
        ? en.promotionFigures[key as (typeof PROMOTION_FIGURE_KEYS)[number]].label
        : en.indicators[key as keyof typeof en.indicators].label;
    for (const row of rows) expect({ key: row.key, name: row.name }).toEqual({ key: row.key, name: shown(row.key) });
  });

  it("GIVEN a table row written the way the document writes them THEN it is read, and a key not in the code would be seen", () => {
    expect(documentedRows("| `happiness` | Happiness | smiles / orders |\n| key | name | definition |")).toEqual([{ key: "happiness", name: "Happiness" }]);
  });
});
