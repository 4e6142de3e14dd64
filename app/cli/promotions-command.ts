import { readFileSync, statSync, type Stats } from "node:fs";
import type { IndicatorKey } from "~/indicators/definitions";
import { formatMoney, moneyToNumber } from "@throughline/shopify-common/money";
import { ensureRollups } from "~/indicators/rollups.server";
import { withImportOwners } from "~/promotions/import-owners.server";
import { withImportTactics } from "~/promotions/import-tactics.server";
import { selfReviewRecord } from "~/promotions/self-review";
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, readPromotionsCsv } from "~/promotions/promotions-csv";
import { attributedOrdersOf, createPromotions, livePromotions, preloadedStoreDays, promotionLift, resultsOf } from "~/promotions/promotions.server";
import { timeZone } from "@throughline/shopify-common/time-zone";
import type { Actor } from "~/staff/staff.server";
import { rebuildProgress } from "./progress";
import { knownShop } from "./report-args";
import { commandLineActor } from "./command-line-actor";
import { currentLocalizer } from "~/i18n/scope";
import { cliTimes, cliValue } from "./values";
import { UsageError } from "./usage-error";

/** The file's bytes, or why it can't be imported (missing, not a regular file, too large: its size is checked before a byte is read). */
export function readImportFile(file: string): Uint8Array {
  const { t, locale } = currentLocalizer();
  let stats: Stats;
  try {
    stats = statSync(file);
  } catch {
    throw new UsageError(t("cli.promotions.noSuchFile", { file }));
  }
  if (!stats.isFile()) throw new UsageError(t("cli.promotions.notAFile", { file }));
  if (stats.size > MAX_IMPORT_BYTES) {
    throw new UsageError(
      t("cli.promotions.tooLarge", {
        file,
        size: (stats.size / 1024 / 1024).toFixed(1),
        maxSize: MAX_IMPORT_BYTES / 1024 / 1024,
        maxRows: MAX_IMPORT_ROWS.toLocaleString(locale),
      }),
    );
  }
  try {
    return readFileSync(file);
  } catch (error) {
    throw new UsageError(t("cli.promotions.unreadable", { file, code: (error as NodeJS.ErrnoException).code ?? "EIO" }));
  }
}

export const promotionsCommand = {
  summary: "import promotions from a spreadsheet, list them with their results",
  options: { shop: { type: "string" }, owner: { type: "string" }, json: { type: "boolean" } },
  maxPositionals: 2,
  async run(values: Record<string, string | boolean | undefined>, positionals: string[]) {
    const { t } = currentLocalizer();
    const [action, file] = positionals;
    if (action !== "import" && action !== "list") throw new UsageError(t("cli.promotions.action"));
    if (action === "list" && file !== undefined) throw new UsageError(t("cli.promotions.listTakesNoFile", { file: file.slice(0, 40) }));
    if (action === "list" && values.owner !== undefined) throw new UsageError(t("cli.promotions.listTakesNoOwner"));
    if (action === "import" && !file) throw new UsageError(t("cli.promotions.importNeedsFile"));
    const { default: db } = await import("~/db.server");
    const shop = await knownShop(db, values.shop);

    if (action === "import") {
      // Every row is checked before anything is written; then all are stored in one transaction, or none.
      const parsed = readPromotionsCsv(readImportFile(file!));
      const actor = commandLineActor(shop.shop);
      const withOwners = parsed.ok ? await withImportOwners(db, shop.shop, parsed.promotions, parsed.lines, values.owner as string | undefined) : parsed;
      const owned = parsed.ok && withOwners.ok ? await withImportTactics(db, actor, withOwners.promotions, parsed.tactics, parsed.lines) : withOwners;
      if (!owned.ok) {
        process.stderr.write(
          `${owned.errors.map((error) => t("cli.error", { message: error.replace(/\s*[\r\n]+\s*/g, " ") })).join("\n")}\n${t("cli.promotions.nothingImported")}\n`,
        );
        return 2;
      }
      const created = await createPromotions(db, actor, owned.promotions, new Date());
      console.log(values.json ? JSON.stringify({ imported: created.length }) : t("cli.promotions.imported", { count: created.length }));
      return;
    }

    await ensureRollups(db, shop.shop, rebuildProgress(shop.shop));
    const promotions = await livePromotions(db, shop.shop);
    const today = timeZone(shop.ianaTimezone).localDay(Date.now());
    // Every promotion's orders and the days their lift reads, each in a few queries for the whole list.
    const [{ promotionSpends }] = await Promise.all([import("~/ads/linked-spend.server")]);
    const [attributed, days, spends] = await Promise.all([
      attributedOrdersOf(db, shop.shop, promotions),
      preloadedStoreDays(db, shop.shop, promotions, today),
      promotionSpends(db, shop.shop, promotions),
    ]);
    const rows = [];
    for (const promotion of promotions) {
      const results = resultsOf(attributed.get(promotion.id) ?? [], spends.get(promotion.id) ?? promotion.spend);
      const lifts = await promotionLift(db, promotion, today, days);
      rows.push({
        title: promotion.title,
        owner: promotion.ownerName,
        start: promotion.start,
        end: promotion.end,
        spend: moneyToNumber(results.spend),
        indicator: promotion.indicator,
        discount_codes: promotion.codes,
        utm_campaign: promotion.utmCampaign,
        attributed_orders: results.attributedOrders,
        attributed_revenue: moneyToNumber(results.attributedRevenue),
        roas: results.roas,
        // Beside ROAS: its whole cost (spend + the discounts its orders were given) and the gross profit returned per unit of it.
        promotion_cost: moneyToNumber(results.cost),
        profit_on_cost: results.profitOnCost,
        new_customers: results.newCustomers,
        lift:
          lifts.length === 0
            ? null
            : Object.fromEntries(
                lifts.map((lift) => [
                  lift.baseline,
                  { during: lift.during, before: lift.before, change: lift.change, low: lift.low, high: lift.high, reading: lift.reading, words: lift.words },
                ]),
              ),
        review: promotion.verdict
          ? {
              verdict: promotion.verdict,
              learned: promotion.learned,
              next_step: promotion.nextStep,
              reviewed_by: promotion.reviewedByName,
              reviewed_at: promotion.reviewedAt?.toISOString() ?? null,
            }
          : null,
        self_review: selfReviewRecord(promotion),
      });
    }
    if (values.json) {
      console.log(JSON.stringify({ promotions: rows }));
      return;
    }
    if (rows.length === 0) console.log(t("cli.promotions.none", { shop: shop.shop }));
    rows.forEach((row, i) => {
      console.log(
        t("cli.promotions.line", {
          start: row.start,
          end: row.end,
          title: row.title,
          owner: row.owner,
          indicator: row.indicator ? t(`indicators.${row.indicator as IndicatorKey}.label`) : t("cli.promotions.noIndicator"),
          spend: formatMoney(promotions[i]!.spend),
          orders: row.attributed_orders,
          revenue: cliValue("money", row.attributed_revenue),
          roas: cliTimes(row.roas),
        }),
      );
    });
  },
} as const;
