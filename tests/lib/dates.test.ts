import { describe, expect, it } from "vitest";
import { parseDay } from "~/lib/calendar";
import { formatDate, formatDateRange, formatDateTime, isoDateTime } from "~/lib/dates";

describe("dates as the app writes them", () => {
  it("GIVEN days, ranges and moments THEN one format for people, ISO for files, in the shop's time zone", () => {
    expect(formatDate("2026-03-03")).toBe("3 Mar 2026");
    expect(formatDate(parseDay("2026-12-31")!)).toBe("31 Dec 2026");
    expect(formatDate("not a date")).toBe("not a date");
    expect(formatDateRange("2026-11-16", "2026-11-22")).toBe("16 Nov 2026 – 22 Nov 2026");
    expect(formatDateRange("2026-11-16", "2026-11-16")).toBe("16 Nov 2026");
    // 23:30 UTC is already the next day in Tokyo and still the same day in Los Angeles.
    const moment = "2026-11-22T23:30:00Z";
    expect(formatDateTime(moment, "Asia/Tokyo")).toBe("23 Nov 2026, 08:30");
    expect(formatDateTime(moment, "America/Los_Angeles")).toBe("22 Nov 2026, 15:30");
    expect(isoDateTime(moment, "Asia/Tokyo")).toBe("2026-11-23 08:30");
  });
});
