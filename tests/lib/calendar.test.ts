import { describe, expect, it } from "vitest";
import {
  buckets,
  formatDay,
  isoWeekLabel,
  isoWeekStart,
  parseDay,
  presetPeriod,
  previousPeriod,
  weekStart,
  yearEarlierPeriod,
  type Granularity,
  type PeriodPreset,
} from "~/lib/calendar";

const day = (text: string) => parseDay(text)!;
const show = (period: { from: number; to: number }) => `${formatDay(period.from)}..${formatDay(period.to)}`;

describe("calendar periods", () => {
  it.each([
    ["2026-03-01", true],
    ["2024-02-29", true],
    ["2026-02-29", false],
    ["2026-13-01", false],
    ["2026-3-1", false],
    ["2026-03-01T00:00", false],
    ["", false],
  ])("GIVEN %j WHEN parsed as a date THEN valid is %s", (text, valid) => {
    const parsed = parseDay(text);
    expect(parsed !== null).toBe(valid);
    if (valid) expect(formatDay(parsed!)).toBe(text);
  });

  it.each([
    ["2026-03-01", "2026-02-23"], // a Sunday belongs to the week that began on Monday
    ["2026-03-02", "2026-03-02"],
    ["2027-01-01", "2026-12-28"], // ISO weeks cross the new year
    ["1970-01-01", "1969-12-29"],
  ])("GIVEN %s THEN its ISO week starts on %s", (date, monday) => {
    expect(formatDay(weekStart(day(date)))).toBe(monday);
  });

  it.each([
    ["week", "2026-03-01", "2026-03-17", ["2026-03-01..2026-03-01", "2026-03-02..2026-03-08", "2026-03-09..2026-03-15", "2026-03-16..2026-03-17"]],
    ["month", "2026-01-15", "2026-03-10", ["2026-01-15..2026-01-31", "2026-02-01..2026-02-28", "2026-03-01..2026-03-10"]],
    ["quarter", "2025-12-01", "2026-07-01", ["2025-12-01..2025-12-31", "2026-01-01..2026-03-31", "2026-04-01..2026-06-30", "2026-07-01..2026-07-01"]],
    ["day", "2026-02-27", "2026-03-01", ["2026-02-27..2026-02-27", "2026-02-28..2026-02-28", "2026-03-01..2026-03-01"]],
  ])("GIVEN buckets by %s over %s..%s THEN they are %j", (by, from, to, expected) => {
    expect(buckets({ from: day(from), to: day(to) }, by as Granularity).map(show)).toEqual(expected);
  });

  it.each([
    ["2026-03-01", "2026-03-31", "2026-01-29..2026-02-28", "2025-03-01..2025-03-31"],
    ["2024-02-29", "2024-02-29", "2024-02-28..2024-02-28", "2023-02-28..2023-02-28"],
    ["2026-07-01", "2026-09-30", "2026-03-31..2026-06-30", "2025-07-01..2025-09-30"],
  ])("GIVEN %s..%s THEN the previous period is %s and a year earlier is %s", (from, to, previous, yearEarlier) => {
    const period = { from: day(from), to: day(to) };
    expect(show(previousPeriod(period))).toBe(previous);
    expect(show(yearEarlierPeriod(period))).toBe(yearEarlier);
  });

  it.each([
    ["last_7_days", "2026-11-19..2026-11-25"],
    ["last_30_days", "2026-10-27..2026-11-25"],
    ["this_month", "2026-11-01..2026-11-25"],
    ["last_month", "2026-10-01..2026-10-31"],
    ["this_quarter", "2026-10-01..2026-11-25"],
    ["last_quarter", "2026-07-01..2026-09-30"],
    ["this_year", "2026-01-01..2026-11-25"],
  ])("GIVEN today is 2026-11-25 WHEN the preset %s is picked THEN the period is %s", (preset, expected) => {
    expect(show(presetPeriod(preset as PeriodPreset, day("2026-11-25")))).toBe(expected);
  });

  it.each([
    ["2026-W47", "2026-11-16"],
    ["2026-W01", "2025-12-29"],
    ["2026-W53", "2026-12-28"], // 2026 begins on a Thursday: it has 53 weeks
    ["2020-W53", "2020-12-28"],
    ["2025-W01", "2024-12-30"],
    ["2025-W53", null], // 2025 has 52
    ["2026-W00", null],
    ["2026-W5", null],
    ["2026-11-16", null],
    ["W47", null],
  ] as const)("GIVEN the ISO week %s THEN its Monday is %s, and that Monday's week is named so again", (label, monday) => {
    const start = isoWeekStart(label);
    expect(start === null ? null : formatDay(start)).toBe(monday);
    if (start !== null) expect(isoWeekLabel(start)).toBe(label);
  });
});
