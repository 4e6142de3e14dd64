import { describe, expect, it } from "vitest";
import { formatDay, parseDay } from "~/lib/calendar";
import { timeZone, UnknownTimeZoneError } from "@throughline/shopify-common/time-zone";

const day = (text: string) => parseDay(text)!;
const at = (iso: string) => Date.parse(iso);

describe("shop time zones", () => {
  it.each([
    // Local midnight, a second either side.
    ["Europe/Berlin", "2026-03-01T22:59:59Z", "2026-03-01"],
    ["Europe/Berlin", "2026-03-01T23:00:00Z", "2026-03-02"],
    // Spring forward (01:00 UTC): 01:59:59 UTC is already 03:59:59 local.
    ["Europe/Berlin", "2026-03-29T00:59:59Z", "2026-03-29"],
    ["Europe/Berlin", "2026-03-29T21:59:59Z", "2026-03-29"],
    ["Europe/Berlin", "2026-03-29T22:00:00Z", "2026-03-30"],
    // Fall back: the day has 25 hours.
    ["Europe/Berlin", "2026-10-25T22:59:59Z", "2026-10-25"],
    ["Europe/Berlin", "2026-10-25T23:00:00Z", "2026-10-26"],
    ["America/New_York", "2026-03-08T04:59:59Z", "2026-03-07"],
    ["America/New_York", "2026-03-08T05:00:00Z", "2026-03-08"],
    ["Asia/Kolkata", "2026-06-30T18:29:59Z", "2026-06-30"],
    ["Asia/Kolkata", "2026-06-30T18:30:00Z", "2026-07-01"],
    ["Australia/Lord_Howe", "2026-01-10T12:59:59Z", "2026-01-10"],
    ["Pacific/Chatham", "2026-01-10T10:15:00Z", "2026-01-11"],
    ["UTC", "2026-12-31T23:59:59Z", "2026-12-31"],
  ])("GIVEN %s WHEN an instant %s is dated THEN it is on %s", (zone, instant, expected) => {
    expect(formatDay(timeZone(zone).localDay(at(instant)))).toBe(expected);
  });

  it.each([
    ["Europe/Berlin", "2026-03-29", "2026-03-28T23:00:00.000Z", 23],
    ["Europe/Berlin", "2026-10-25", "2026-10-24T22:00:00.000Z", 25],
    ["Europe/Berlin", "2026-06-01", "2026-05-31T22:00:00.000Z", 24],
    // Chile moves its clocks at midnight: 2026-09-06 starts at 01:00 local, the instant of the change.
    ["America/Santiago", "2026-09-06", "2026-09-06T04:00:00.000Z", 23],
    // Lord Howe Island: half-hour DST.
    ["Australia/Lord_Howe", "2026-04-05", "2026-04-04T13:00:00.000Z", 24.5],
  ])("GIVEN %s WHEN the day %s starts THEN it is %s and lasts %d hours", (zone, date, start, hours) => {
    const tz = timeZone(zone);
    expect(new Date(tz.startOfDay(day(date))).toISOString()).toBe(start);
    expect((tz.startOfDay(day(date) + 1) - tz.startOfDay(day(date))) / 3_600_000).toBe(hours);
  });

  it("GIVEN Samoa, which skipped 30 December 2011 WHEN that day is asked for THEN it is empty", () => {
    const apia = timeZone("Pacific/Apia");
    expect(apia.startOfDay(day("2011-12-30"))).toBe(apia.startOfDay(day("2011-12-31")));
    expect(formatDay(apia.localDay(apia.startOfDay(day("2011-12-31"))))).toBe("2011-12-31");
  });

  it.each(["Europe/Berlin", "America/Santiago", "Australia/Lord_Howe", "Asia/Kathmandu", "America/St_Johns", "Pacific/Chatham", "Africa/Casablanca"])(
    "GIVEN %s WHEN instants every 97 minutes over 2025–2027 are dated THEN each agrees with Intl, and each day starts where the date changes",
    (zone) => {
      const tz = timeZone(zone);
      const intl = new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" });
      for (let t = at("2025-01-01T00:00:00Z"); t < at("2027-01-01T00:00:00Z"); t += 97 * 60_000 + 13_000) {
        expect(formatDay(tz.localDay(t))).toBe(intl.format(new Date(t)));
      }
      for (let d = day("2025-01-01"); d < day("2027-01-01"); d += 5) {
        const start = tz.startOfDay(d);
        expect(tz.localDay(start)).toBe(d);
        expect(tz.localDay(start - 1)).toBeLessThan(d);
      }
    },
  );

  it("GIVEN a name Intl doesn't know THEN it is refused clearly", () => {
    expect(() => timeZone("Mars/Olympus_Mons")).toThrow(UnknownTimeZoneError);
    expect(() => timeZone("Mars/Olympus_Mons")).toThrow(/Unknown IANA time zone "Mars\/Olympus_Mons"/);
  });
});
