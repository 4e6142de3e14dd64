import { describe, expect, it } from "vitest";
import { emptyTotals } from "~/indicators/engine";
import { localizer } from "~/i18n/localizer";
import { liftFigures, liftWords, type Day } from "~/promotions/lift";

/** A day of `orders` orders of `value` each (currency units), from distinct customers. */
function day(orders: number, value: number, firstKey = 0): Day {
  const totals = emptyTotals();
  totals.orders = orders;
  totals.units = orders;
  totals.grossSales = BigInt(Math.round(orders * value * 10_000));
  return { totals, customerKeys: Array.from({ length: orders }, (_, i) => firstKey + i) };
}

/** The lift as numbers, and in English words. */
function measureLift(...args: Parameters<typeof liftFigures>) {
  const figures = liftFigures(...args);
  return { ...figures, words: liftWords(args[0], figures, localizer("en")) };
}

const steady = (n: number, orders: number, value: number) => Array.from({ length: n }, (_, i) => day(orders, value, i * 100));
/** Deterministic wobble: orders go 6, 14, 6, 14… around 10. */
const noisy = (n: number, value: number) => Array.from({ length: n }, (_, i) => day(i % 2 === 0 ? 6 : 14, value, i * 100));

describe("lift of a promotion's indicator", () => {
  it("GIVEN 20% more orders every day THEN the change is +20% and the band leaves no doubt", () => {
    const lift = measureLift("orders", steady(28, 12, 50), steady(28, 10, 50), "previous", 1);
    expect(lift.change).toBeCloseTo(0.2, 12);
    expect(lift.low).toBeCloseTo(0.2, 12);
    expect(lift.high).toBeCloseTo(0.2, 12);
    expect(lift.reading).toBe("likely_up");
    expect(lift.words).toBe("Orders +20.0% vs the 28 days before; the day-to-day noise gives +20.0% to +20.0%, so the rise is likely real.");
  });

  it("GIVEN the same average with day-to-day noise THEN the band straddles zero and it could be noise", () => {
    const lift = measureLift("orders", noisy(14, 50), noisy(14, 50), "previous", 7);
    expect(lift.change).toBeCloseTo(0, 12);
    expect(lift.low!).toBeLessThan(0);
    expect(lift.high!).toBeGreaterThan(0);
    expect(lift.reading).toBe("unclear");
    expect(lift.words).toMatch(/so it could be noise\.$/);
  });

  it("GIVEN a ratio (AOV) THEN it compares the periods' values, not per-day sums, and a fall reads as a fall", () => {
    const lift = measureLift("aov", steady(10, 10, 45), steady(10, 10, 50), "year_earlier", 3);
    expect(lift.during).toBeCloseTo(45, 9);
    expect(lift.before).toBeCloseTo(50, 9);
    expect(lift.change).toBeCloseTo(-0.1, 12);
    expect(lift.reading).toBe("likely_down");
    expect(lift.words).toMatch(/^Average order value −10\.0% vs the same days a year earlier/);
  });

  it("GIVEN periods of different lengths THEN sums compare per day", () => {
    expect(measureLift("gross_sales", steady(7, 10, 50), steady(14, 10, 50), "previous", 1).change).toBeCloseTo(0, 12);
  });

  it("GIVEN no baseline activity THEN there is nothing to compare with", () => {
    expect(measureLift("orders", steady(7, 10, 50), steady(7, 0, 50), "previous", 1)).toMatchObject({ change: null, reading: "no_data" });
  });

  it("GIVEN the same data and seed THEN the same reading", () => {
    expect(measureLift("orders", noisy(21, 50), noisy(14, 40), "previous", 42)).toEqual(measureLift("orders", noisy(21, 50), noisy(14, 40), "previous", 42));
  });

  it("GIVEN a promotion of fewer than 5 days THEN the change is given but not judged: too few days to see the noise", () => {
    const lift = measureLift("orders", steady(1, 12, 50), steady(1, 10, 50), "previous", 1);
    expect(lift).toMatchObject({ low: null, high: null, reading: "unclear" });
    expect(lift.change).toBeCloseTo(0.2, 12);
    expect(lift.words).toBe("Orders +20.0% vs the day before; one day is too few to tell an effect from day-to-day noise.");
    expect(measureLift("orders", steady(3, 12, 50), steady(3, 10, 50), "previous", 1).words).toMatch(/vs the 3 days before; 3 days are too few/);
    expect(measureLift("orders", steady(5, 12, 50), steady(5, 10, 50), "previous", 1).reading).toBe("likely_up");
  });

  it("GIVEN a later week of a promotion measured against the days before it began THEN the figures say so, and the words name that baseline in the reader's language", () => {
    const figures = liftFigures("orders", steady(7, 12, 50), steady(7, 10, 50), "previous", 1, { beforeStart: true });
    expect(figures).toMatchObject({ beforeStart: true, days: { during: 7, before: 7 }, reading: "likely_up" });
    expect(liftWords("orders", figures, localizer("en"))).toMatch(/^Orders \+20\.0% vs the 7 days before it began; /);
    expect(liftWords("orders", figures, localizer("zh-CN"))).toMatch(/^订单 对比开始前的 7 天 \+20\.0%；/);
    // Measured over its first days only: said before the rest.
    expect(liftWords("orders", { ...figures, firstDays: 91 }, localizer("en"))).toMatch(/^Over its first 91 days: Orders \+20\.0%/);
  });
});
