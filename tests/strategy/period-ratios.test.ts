/**
 * Ratios whose level depends on how long the period is (repurchase rate, returning customer rate)
 * are suggested, compared and paced against the same length of history (decision 020): checked on a
 * generated store whose behaviour doesn't change, where a target set at the historical median must
 * read "on track" on every day of its period, and against the rules in plain numbers.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DevStore, loadFixture, startDevstore, writeStoreFixture } from "@throughline/devstore";
import { createAdminClient } from "~/admin-api/client.server";
import { formatValue } from "~/indicators/format";
import { jsonValue } from "~/indicators/json";
import { periodReport, runningSeries } from "~/indicators/report.server";
import { localizer } from "~/i18n/localizer";
import { formatDay, nextBucketStart, parseDay, type Period } from "~/lib/calendar";
import { databaseUrl } from "~/lib/database-url";
import { systemActor } from "~/staff/staff.server";
import { likePath, likePeriods, median } from "~/strategy/like-periods";
import { CHANCE_ERRORS, pace } from "~/strategy/pacing";
import { roundForPeople } from "~/strategy/suggest";
import { suggestTargets } from "~/strategy/suggestions.server";
import { targetCard } from "~/strategy/target-card.server";
import { targetStatuses } from "~/strategy/target-status.server";
import { createTarget, deleteTarget } from "~/strategy/targets.server";
import { runBackfill } from "~/sync/bulk/backfill.server";
import { db, resetDatabase } from "../helpers/database";

const SHOP = "steady-store.myshopify.com";
const RATES = ["repurchase_rate", "returning_customer_rate"] as const;
const day = (text: string) => parseDay(text)!;
const month = (text: string): Period => ({ from: day(text), to: nextBucketStart(day(text), "month") - 1 });
const rateOf = async (period: Period, key: (typeof RATES)[number]) => jsonValue((await periodReport(db, SHOP, period)).indicators[key]) as number;

describe("ratios that depend on the period's length", () => {
  describe("GIVEN a generated store whose behaviour doesn't change", () => {
    let dir: string;

    beforeAll(async () => {
      await resetDatabase();
      dir = mkdtempSync(path.join(tmpdir(), "steady-"));
      const fixture = path.join(dir, "store.jsonl");
      // Orders from May 2025 to October 2026; customers come back within 120 days of their first
      // order, so from September 2025 on, every month is like every other.
      await writeStoreFixture(fixture, { orders: 24_000, seed: 4, shopDomain: SHOP, demand: "steady", end: new Date("2026-11-01T04:00:00Z"), days: 550 });
      const devstore = await startDevstore({ store: new DevStore(await loadFixture(fixture)), throttle: { maximumAvailable: 100_000, restoreRate: 100_000 } });
      try {
        const client = createAdminClient({ shop: SHOP, accessToken: "devstore-token", adminOrigin: devstore.origin });
        await runBackfill({ db, client, databaseUrl: databaseUrl(), maxPollMs: 20 });
      } finally {
        await devstore.close();
      }
    }, 300_000);
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    // October 2026 against the twelve months before it; a week of September against the twelve before.
    const periods = [
      {
        name: "a month",
        kind: "month" as const,
        period: month("2026-10-01"),
        likes: ["2026-09", "2026-08", "2026-07", "2026-06", "2026-05", "2026-04", "2026-03", "2026-02", "2026-01", "2025-12", "2025-11", "2025-10"].map(
          (start) => month(`${start}-01`),
        ),
      },
      {
        name: "a week",
        kind: "week" as const,
        period: { from: day("2026-09-21"), to: day("2026-09-27") },
        likes: Array.from({ length: 12 }, (_, i) => ({ from: day("2026-09-21") - 7 * (i + 1), to: day("2026-09-21") - 7 * i - 1 })),
      },
    ];

    it.each(periods)(
      "WHEN a target on each such rate is set for $name at the median of the $kind before THEN it is suggested so, and reads on track every day of the period until its last, where it is met or missed",
      async ({ period, kind, likes }) => {
        expect(likePeriods(period, period.from, day("2025-05-01"))).toEqual(likes);
        for (const key of RATES) {
          const historical = median(await Promise.all(likes.map((like) => rateOf(like, key))))!;
          // The 84-day level the old suggestion used is another scale altogether.
          const twelveWeeks = await rateOf({ from: period.from - 84, to: period.from - 1 }, key);
          expect(Math.abs(twelveWeeks - historical) / historical).toBeGreaterThan(key === "repurchase_rate" ? 0.3 : 0.03);
          const [suggested] = await suggestTargets(db, SHOP, "USD", [key], period, period.from);
          expect(suggested!.suggestion).toMatchObject({ basis: "like_periods", keepPace: roundForPeople(historical, "ratio") });
          expect(suggested!.valueInput).toBe(String(Math.round(roundForPeople(historical, "ratio") * 1000) / 10));

          const made = await createTarget(
            db,
            systemActor(SHOP),
            { indicator: key, periodKind: kind, from: formatDay(period.from), value: String(historical) },
            new Date(),
          );
          if (!made.ok) throw new Error(JSON.stringify(made.errors));
        }
        const seen: Record<string, string[]> = {};
        for (let on = period.from; on <= period.to; on++) {
          for (const status of (await targetStatuses(db, SHOP, on)).filter((target) => target.from === formatDay(period.from))) {
            (seen[status.indicator] ??= []).push(status.status);
            if (on === period.to) expect(status.status).toBe(status.actual! >= status.value ? "met" : "missed");
          }
        }
        for (const key of RATES) {
          const days = seen[key]!;
          expect(days).toHaveLength(period.to - period.from + 1);
          expect(
            days.slice(0, -1).every((status) => status === "on_track"),
            `${key}: ${days.join(" ")}`,
          ).toBe(true);
        }
        for (const target of await db.target.findMany({ where: { shop: SHOP, deletedAt: null } }))
          await deleteTarget(db, systemActor(SHOP), target.id, new Date());
      },
      120_000,
    );

    it("WHEN a repurchase target for October is read on the 6th THEN it is expected where the past months stood on their 6th, and its card says so in words, English and Chinese", async () => {
      const october = month("2026-10-01");
      const likes = likePeriods(october, october.from, day("2025-05-01"));
      const byDay6 = await Promise.all(likes.map(async (like) => jsonValue((await runningSeries(db, SHOP, like))[5]!.indicators.repurchase_rate) as number));
      const finals = await Promise.all(likes.map((like) => rateOf(like, "repurchase_rate")));
      const made = await createTarget(
        db,
        systemActor(SHOP),
        { indicator: "repurchase_rate", periodKind: "month", from: "2026-10-01", value: "0.2" },
        new Date(),
      );
      if (!made.ok) throw new Error(JSON.stringify(made.errors));
      const [status] = await targetStatuses(db, SHOP, day("2026-10-06"));
      expect(status!.expectedToDate).toBeCloseTo((0.2 * median(byDay6)!) / median(finals)!, 12);
      expect(status!.projected).toBeCloseTo((status!.actual! * median(finals)!) / median(byDay6)!, 12);
      const percent = (value: number) => formatValue("ratio", value, "USD", "en");
      const english = targetCard(status!, "USD", localizer("en"));
      expect(english.pattern).toBe(
        "Repurchase rate depends on how long the period is, so it is compared with the same length of history. " +
          `By day 6, the last 12 months stood at ${percent(Math.min(...byDay6))} to ${percent(Math.max(...byDay6))} (median ${percent(median(byDay6)!)}); ` +
          `they ended at ${percent(Math.min(...finals))} to ${percent(Math.max(...finals))} (median ${percent(median(finals)!)}). ` +
          `The status allows for chance: so far the rate is a share of ${status!.outOf!.toLocaleString("en")} customers.`,
      );
      const chinese = targetCard(status!, "USD", localizer("zh-CN"));
      expect(chinese.pattern).toMatch(/^复购率取决于时间段的长短，因此与同样长度的历史比较。到第 6 天，此前 12 个月的水平在 /);
      expect(chinese.pattern).not.toMatch(/[A-Za-z]/);
      await deleteTarget(db, systemActor(SHOP), made.value.id, new Date());
    });
  });

  describe("pacing along like periods", () => {
    const october = month("2026-10-01");
    // Three past months, each a rate to date on days 1..31 (a 30-day one ends on its 30th).
    const series = [
      Array.from({ length: 31 }, (_, i) => ((i + 1) * 4) / 1000),
      Array.from({ length: 30 }, (_, i) => ((i + 1) * 5) / 1000),
      Array.from({ length: 31 }, (_, i) => ((i + 1) * 3) / 1000),
    ];
    const path = likePath("month", 31, series)!;

    it("GIVEN like periods THEN the path is their median by day, a shorter month counting with its final rate, and the end is their median final rate", () => {
      expect(path.days[5]).toEqual({ median: 0.024, low: 0.018, high: 0.03 });
      expect(path.days[30]).toEqual({ median: 0.124, low: 0.093, high: 0.15 });
      expect(path).toMatchObject({ periods: 3, final: 0.124, finalLow: 0.093, finalHigh: 0.15 });
      expect(likePath("month", 31, [])).toBeNull();
    });

    it.each([
      ["a rate right on the path", "on_track", 0.024, 1000],
      ["a rate below the path, within chance for 3,000 customers", "on_track", 0.024 - CHANCE_ERRORS * Math.sqrt((0.024 * 0.976) / 3000) + 0.0001, 3000],
      ["the same rate for 300,000 customers (no longer chance)", "off_track", 0.024 - CHANCE_ERRORS * Math.sqrt((0.024 * 0.976) / 3000) + 0.0001, 300_000],
      ["a rate a little short beyond chance", "at_risk", 0.0225, 100_000],
    ] as const)("GIVEN a target at the median final rate on day 6 WHEN %s THEN it is %s", (_, status, actual, outOf) => {
      const pacing = pace({
        kind: "period_ratio",
        target: path.final,
        direction: "at_least",
        from: october.from,
        to: october.to,
        on: october.from + 5,
        actual,
        weekdayWeights: null,
        likePath: path,
        outOf,
      });
      expect(pacing.expectedToDate).toBeCloseTo(0.024, 12);
      expect(pacing.status).toBe(status);
    });

    it("GIVEN no like period in the history THEN nothing is said before the period ends, and the final rate is judged", () => {
      const input = {
        kind: "period_ratio",
        target: 0.1,
        direction: "at_least",
        from: october.from,
        to: october.to,
        actual: 0.02,
        weekdayWeights: null,
      } as const;
      expect(pace({ ...input, on: october.from + 5, likePath: null })).toMatchObject({ status: "no_data", expectedToDate: null, projected: null });
      expect(pace({ ...input, on: october.to, actual: 0.11, likePath: null })).toMatchObject({ status: "met" });
    });
  });
});
