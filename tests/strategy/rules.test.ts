import { describe, expect, it } from "vitest";
import { parseDay } from "~/lib/calendar";
import { pace, weekdayOf, weekdayWeights, type PacingInput } from "~/strategy/pacing";
import { can, roleChangeRefusal, roleOf, type Permission } from "~/staff/roles";
import { inferPeriodKind, parseTarget, type RawTarget } from "~/strategy/target-input";
import { percentToFraction } from "~/strategy/target-input";

const day = (text: string) => parseDay(text)!;

describe("roles", () => {
  it.each([
    ["the account owner", { accountOwner: true, collaborator: false, role: "staff" }, "owner"],
    ["a strategist", { accountOwner: false, collaborator: false, role: "strategist" }, "strategist"],
    ["a staff member", { accountOwner: false, collaborator: false, role: "staff" }, "staff"],
    ["a collaborator account, even if marked strategist", { accountOwner: false, collaborator: true, role: "strategist" }, "staff"],
  ])("GIVEN %s THEN the role is %s", (_, member, role) => {
    expect(roleOf(member)).toBe(role);
  });

  it.each([
    ["owner", "edit_strategy", true],
    ["owner", "manage_roles", true],
    ["strategist", "edit_strategy", true],
    ["strategist", "sign_off_review", true],
    ["strategist", "manage_roles", false],
    ["staff", "edit_strategy", false],
    ["staff", "sign_off_review", false],
    ["staff", "log_promotions", true],
  ] as const)("GIVEN a %s THEN %s is %s", (role, permission, allowed) => {
    expect(can(role, permission as Permission)).toBe(allowed);
  });

  it.each([
    [{ accountOwner: true, collaborator: false, role: "staff" }, "staff", /always an Owner/],
    [{ accountOwner: false, collaborator: true, role: "staff" }, "strategist", /Collaborator accounts stay Staff/],
    [{ accountOwner: false, collaborator: false, role: "staff" }, "admin", /is not a role/],
    [{ accountOwner: false, collaborator: false, role: "staff" }, "strategist", null],
  ])("GIVEN %j WHEN made %s THEN the refusal is %s", (member, role, refusal) => {
    const result = roleChangeRefusal(member, role);
    if (refusal === null) expect(result).toBeNull();
    else expect(result).toMatch(refusal);
  });
});

describe("target input", () => {
  const valid: RawTarget = { indicator: "aov", periodKind: "month", from: "2026-11-14", value: "60" };
  it.each([
    ["an unknown indicator", { indicator: "happiness" }, "indicator", /not an indicator/],
    ["a negative count", { indicator: "orders", value: "-5" }, "value", /can't be negative/],
    ["a fractional count", { indicator: "orders", value: "2.5" }, "value", /whole number/],
    ["a ratio above 1", { indicator: "repurchase_rate", value: "1.5" }, "value", /from 0 to 1/],
    ["a value that isn't a number", { value: "sixty" }, "value", /Enter a number/],
    ["no value", { value: "" }, "value", /Enter the target value/],
    ["an empty custom period", { periodKind: "custom", from: "2026-11-30", to: "2026-11-01" }, "to", /period is empty/],
    ["an impossible date", { from: "2026-02-30" }, "from", /YYYY-MM-DD/],
    ["an unknown direction", { direction: "sideways" }, "direction", /at least or at most/],
    ["a repeating custom period", { periodKind: "custom", to: "2026-11-20", recurring: true }, "recurring", /weekly, monthly or quarterly/],
    ["too many decimals of money", { value: "60.123456" }, "value", /at most 4 decimals/],
  ])("GIVEN %s THEN the %s field says so", (_, change, field, message) => {
    const parsed = parseTarget({ ...valid, ...change });
    expect(parsed.ok).toBe(false);
    expect((parsed as { errors: Record<string, string> }).errors[field]).toMatch(message);
  });

  it("GIVEN a month target with any day of the month THEN the period is the whole month and the direction the indicator's default", () => {
    expect(parseTarget(valid)).toEqual({
      ok: true,
      value: {
        indicator: "aov",
        periodKind: "month",
        from: "2026-11-01",
        to: "2026-11-30",
        value: "60",
        direction: "at_least",
        recurring: false,
        goalId: null,
      },
    });
    expect(parseTarget({ ...valid, indicator: "discount_rate", value: "0.08" })).toMatchObject({ ok: true, value: { direction: "at_most", value: "0.08" } });
    expect(parseTarget({ ...valid, periodKind: "week", from: "2026-11-25" })).toMatchObject({ value: { from: "2026-11-23", to: "2026-11-29" } });
    expect(parseTarget({ ...valid, periodKind: "quarter" })).toMatchObject({ value: { from: "2026-10-01", to: "2026-12-31" } });
  });

  it.each([
    ["2026-11-23", "2026-11-29", "week"],
    ["2026-11-01", "2026-11-30", "month"],
    ["2026-10-01", "2026-12-31", "quarter"],
    ["2026-11-02", "2026-11-30", "custom"],
  ])("GIVEN %s..%s THEN the period kind is %s", (from, to, kind) => {
    expect(inferPeriodKind(day(from), day(to))).toBe(kind);
  });

  it.each([
    ["25", "0.25"],
    ["7.5", "0.075"],
    ["150", "1.5"],
    ["100", "1"],
    ["0", "0"],
    ["33.3", "0.333"],
    ["abc", "abc"],
  ])("GIVEN %s%% THEN the fraction is %s, exactly", (percent, fraction) => {
    expect(percentToFraction(percent)).toBe(fraction);
  });
});

describe("pacing", () => {
  const november = { from: day("2026-11-01"), to: day("2026-11-30") };
  const base: PacingInput = { kind: "sum", target: 3000, direction: "at_least", ...november, on: day("2026-11-10"), actual: 1000, weekdayWeights: null };

  it("GIVEN no weekday history WHEN a third of the month has passed THEN a third of the target is expected and the projection scales the value so far", () => {
    const result = pace(base);
    expect(result.expectedToDate).toBeCloseTo(1000, 9);
    expect(result.projected).toBeCloseTo(3000, 9);
    expect(result.status).toBe("on_track");
  });

  it.each([
    [2900, "at_least", "at_risk"],
    [2600, "at_least", "off_track"],
    [3000, "at_most", "on_track"],
    [3250, "at_most", "at_risk"],
    [3400, "at_most", "off_track"],
  ] as const)("GIVEN a projection of %d against 3,000 %s THEN the status is %s", (projected, direction, status) => {
    expect(pace({ ...base, direction, actual: (projected * 10) / 30 }).status).toBe(status);
  });

  it("GIVEN a store that sells mostly at weekends WHEN only weekdays have passed THEN less is expected by now than an even split says", () => {
    // Eight weeks of history: weekends sell four times a weekday.
    const first = day("2026-09-07"); // a Monday
    const history = Array.from({ length: 56 }, (_, i) => (weekdayOf(first + i) >= 5 ? 400 : 100));
    const weights = weekdayWeights(first, history)!;
    expect(weights[5]! / weights[0]!).toBeCloseTo(4, 9);
    const monday = day("2026-11-02");
    const thursday = day("2026-11-05");
    const even = pace({ ...base, from: monday, to: day("2026-11-08"), on: thursday, actual: 400 });
    const weighted = pace({ ...base, from: monday, to: day("2026-11-08"), on: thursday, actual: 400, weekdayWeights: weights });
    expect(even.expectedToDate).toBeCloseTo((3000 * 4) / 7, 9);
    expect(weighted.expectedToDate).toBeCloseTo((3000 * 4) / 13, 9);
    expect(weighted.projected!).toBeCloseTo((400 * 13) / 4, 9);
    expect(weighted.projected!).toBeGreaterThan(even.projected!);
  });

  it("GIVEN less than four weeks of history THEN there is no weekday pattern", () => {
    expect(
      weekdayWeights(
        day("2026-11-01"),
        Array.from({ length: 27 }, () => 100),
      ),
    ).toBeNull();
    expect(
      weekdayWeights(
        day("2026-11-01"),
        Array.from({ length: 28 }, () => 0),
      ),
    ).toBeNull();
  });

  it("GIVEN a ratio THEN it is compared as it stands, and an undefined one has no data", () => {
    const ratio = { ...base, kind: "ratio" as const, target: 0.25 };
    expect(pace({ ...ratio, actual: 0.3 })).toMatchObject({ expectedToDate: 0.25, projected: 0.3, status: "on_track" });
    expect(pace({ ...ratio, actual: 0.2 })).toMatchObject({ status: "off_track" });
    expect(pace({ ...ratio, actual: null }).status).toBe("no_data");
  });

  it("GIVEN a period not started or ended THEN it is not started, or met or missed on its final value", () => {
    expect(pace({ ...base, on: day("2026-10-31") }).status).toBe("not_started");
    expect(pace({ ...base, on: day("2026-12-05"), actual: 3100 })).toMatchObject({ status: "met", projected: 3100, expectedToDate: 3000 });
    expect(pace({ ...base, on: day("2026-11-30"), actual: 2950 }).status).toBe("missed");
  });
});
