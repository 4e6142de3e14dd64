/**
 * A figure as the command line's text output prints it (`--json` keeps full precision): money and
 * decimals to two places, ratios as percentages to one, counts whole, "—" where there is none. A
 * terminal reader got `roas 201.43833333333333` and ratios as long fractions before.
 */
import type { IndicatorKind } from "~/indicators/definitions";

export function cliValue(kind: IndicatorKind, value: number | string | null | undefined): string {
  if (value === null || value === undefined || value === "") return "—";
  const number = Number(value);
  if (!Number.isFinite(number)) return String(value);
  switch (kind) {
    case "ratio":
      return `${(number * 100).toFixed(1)}%`;
    case "count":
      return Number.isInteger(number) ? String(number) : number.toFixed(1);
    case "multiple":
      return `${number.toFixed(2)}×`;
    default:
      return number.toFixed(2);
  }
}

/** A return on spend (ROAS): two places and "×". */
export function cliTimes(value: number | null): string {
  return value === null ? "—" : `${value.toFixed(2)}×`;
}
