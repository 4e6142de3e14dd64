import { cliValue } from "./values";
import { formatDay } from "~/lib/calendar";
import { COST_INDICATOR_KEYS, ORDER_INDICATOR_KEYS, PROFIT_INDICATOR_KEYS, REPORTED_INDICATORS } from "~/indicators/definitions";
import { costsJson, indicatorsJson, marketingJson, profitJson, type JsonValue } from "~/indicators/json";
import { profitIndicatorsOf } from "~/indicators/profit-report.server";
import type { ProfitIndicators } from "~/indicators/profit";
import { marketingTotalsByPeriod } from "~/promotions/promotions.server";
import { hasMarketingFigures } from "~/ads/marketing-spend.server";
import { periodReport, seriesReport, type PeriodReport } from "~/indicators/report.server";
import { ensureRollups } from "~/indicators/rollups.server";
import { refundsWithoutDetails } from "~/indicators/pending-refunds.server";
import { rebuildProgress } from "./progress";
import { knownShop, parseGranularity, parsePeriod, REPORT_OPTIONS } from "./report-args";
import { currentLocalizer } from "~/i18n/scope";

function printTable(reports: PeriodReport[], profits: ProfitIndicators[], currency: string): void {
  const { t } = currentLocalizer();
  const header = [
    t("cli.indicator"),
    ...reports.map((report) =>
      report.period.from === report.period.to ? formatDay(report.period.from) : `${formatDay(report.period.from)}..${formatDay(report.period.to)}`,
    ),
  ];
  const rows = [...ORDER_INDICATOR_KEYS, ...COST_INDICATOR_KEYS, ...PROFIT_INDICATOR_KEYS].map((key) => [
    REPORTED_INDICATORS[key].kind === "money" ? t("exports.withCurrency", { label: t(`indicators.${key}.label`), currency }) : t(`indicators.${key}.label`),
    ...reports.map((report, index) => {
      const value: JsonValue = reportJson(report, profits[index]!)[key];
      return cliValue(REPORTED_INDICATORS[key].kind, value);
    }),
  ]);
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => (row[column] as string).length)));
  for (const row of [header, ...rows])
    console.log(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[0] as number) : cell.padStart(widths[column] as number))).join("  "));
}

/** The store's indicators, then the whole cost of a sale: the costs the rollups hold, then net profit and the figures read with it. */
const reportJson = (report: PeriodReport, profit: ProfitIndicators) => ({
  ...indicatorsJson(report.indicators),
  ...costsJson(report.indicators),
  ...profitJson(profit),
});

export const indicatorsCommand = {
  summary: "the store's indicators for a period (METRICS.md)",
  options: { ...REPORT_OPTIONS, by: { type: "string" } },
  maxPositionals: 0,
  async run(values: Record<string, string | boolean | undefined>) {
    const by = parseGranularity(values.by);
    const period = parsePeriod(values, by);
    const { default: db } = await import("~/db.server");
    const shop = await knownShop(db, values.shop);
    await ensureRollups(db, shop.shop, rebuildProgress(shop.shop));
    // The marketing indicators join once promotions exist, computed for every bucket in one pass.
    const marketing = async (reports: PeriodReport[]) => {
      if (!(await hasMarketingFigures(db, shop.shop))) return reports.map(() => ({}));
      const totals = await marketingTotalsByPeriod(
        db,
        shop.shop,
        shop.ianaTimezone,
        reports.map((report) => report.period),
      );
      return reports.map((report, index) => marketingJson(totals[index]!, report.indicators.net_sales as bigint));
    };
    // While the first sync still reads refund details, a period holding refunds without them is not
    // final: --json says so with `incomplete`, the table with a line under it.
    const pending = (report: PeriodReport) => refundsWithoutDetails(db, shop.shop, shop.ianaTimezone, report.period);
    const incomplete = (count: number) => (count > 0 ? { incomplete: { refundsWithoutDetails: count } } : {});
    const notFinal = (count: number) => {
      if (count > 0) console.log(`\n${currentLocalizer().t("cli.notFinal", { count })}`);
    };
    if (by) {
      const series = await seriesReport(db, shop.shop, period, by);
      const profits = await profitIndicatorsOf(db, shop.shop, series);
      // Bucket by bucket only when the whole period has any (the usual answer is none).
      const anyPending = (await refundsWithoutDetails(db, shop.shop, shop.ianaTimezone, period)) > 0;
      const counts = anyPending ? await Promise.all(series.map(pending)) : series.map(() => 0);
      if (values.json) {
        const extra = await marketing(series);
        const rows = series.map((report, index) => ({
          start: formatDay(report.period.from),
          end: formatDay(report.period.to),
          indicators: { ...reportJson(report, profits[index]!), ...extra[index] },
          ...incomplete(counts[index]!),
        }));
        console.log(JSON.stringify({ series: rows }));
      } else {
        printTable(series, profits, shop.currencyCode);
        notFinal(counts.reduce((sum, n) => sum + n, 0));
      }
      return;
    }
    const report = await periodReport(db, shop.shop, period);
    const [profit] = await profitIndicatorsOf(db, shop.shop, [report]);
    const count = await pending(report);
    if (values.json) console.log(JSON.stringify({ indicators: { ...reportJson(report, profit!), ...(await marketing([report]))[0] }, ...incomplete(count) }));
    else {
      printTable([report], [profit!], shop.currencyCode);
      notFinal(count);
    }
  },
} as const;
