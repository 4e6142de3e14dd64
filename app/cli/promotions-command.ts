import { readFileSync, statSync, type Stats } from "node:fs";
import { formatMoney, moneyToNumber } from "~/lib/money";
import { ensureRollups } from "~/indicators/rollups.server";
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, readPromotionsCsv } from "~/promotions/promotions-csv";
import { attributedOrders, createPromotions, livePromotions, promotionLift, resultsOf } from "~/promotions/promotions.server";
import { timeZone } from "~/lib/time-zone";
import type { Actor } from "~/strategy/staff.server";
import { rebuildProgress } from "./progress";
import { knownShop } from "./report-args";
import { commandLineActor } from "./command-line-actor";
import { UsageError } from "./usage-error";

/** The file's bytes, or why it can't be imported (missing, not a regular file, too large: its size is checked before a byte is read). */
export function readImportFile(file: string): Uint8Array {
  let stats: Stats;
  try {
    stats = statSync(file);
  } catch {
    throw new UsageError(`promotions import: can't read ${file}: no such file`);
  }
  if (!stats.isFile()) throw new UsageError(`promotions import: ${file} is not a file`);
  if (stats.size > MAX_IMPORT_BYTES) throw new UsageError(`promotions import: ${file} is ${(stats.size / 1024 / 1024).toFixed(1)} MB; import at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB (${MAX_IMPORT_ROWS.toLocaleString("en")} promotions) at a time`);
  try {
    return readFileSync(file);
  } catch (error) {
    throw new UsageError(`promotions import: can't read ${file}: ${(error as NodeJS.ErrnoException).code ?? "unreadable"}`);
  }
}

export const promotionsCommand = {
  summary: "import promotions from a spreadsheet, list them with their results",
  options: { shop: { type: "string" }, json: { type: "boolean" } },
  maxPositionals: 2,
  async run(values: Record<string, string | boolean | undefined>, positionals: string[]) {
    const [action, file] = positionals;
    if (action !== "import" && action !== "list") throw new UsageError(`promotions: say "import FILE.csv" or "list"`);
    if (action === "list" && file !== undefined) throw new UsageError(`promotions list: takes no file (got "${file.slice(0, 40)}")`);
    if (action === "import" && !file) throw new UsageError("promotions import: give the CSV file (promotions import --shop D FILE.csv)");
    const { default: db } = await import("~/db.server");
    const shop = await knownShop(db, values.shop);

    if (action === "import") {
      // Every row is checked before anything is written; then all are stored in one transaction, or none.
      const parsed = readPromotionsCsv(readImportFile(file!));
      if (!parsed.ok) {
        process.stderr.write(`${parsed.errors.map((error) => `error: ${error.replace(/\s*[\r\n]+\s*/g, " ")}`).join("\n")}\nnothing imported\n`);
        return 2;
      }
      const created = await createPromotions(db, commandLineActor(shop.shop), parsed.promotions, new Date());
      console.log(values.json ? JSON.stringify({ imported: created.length }) : `imported ${created.length} promotions`);
      return;
    }

    await ensureRollups(db, shop.shop, rebuildProgress(shop.shop));
    const promotions = await livePromotions(db, shop.shop);
    const today = timeZone(shop.ianaTimezone).localDay(Date.now());
    const rows = [];
    for (const promotion of promotions) {
      const results = resultsOf(await attributedOrders(db, promotion, shop.ianaTimezone), promotion.spend);
      const lifts = await promotionLift(db, promotion, today);
      rows.push({
        title: promotion.title,
        start: promotion.start,
        end: promotion.end,
        spend: moneyToNumber(promotion.spend),
        indicator: promotion.indicator,
        discount_codes: promotion.codes,
        utm_campaign: promotion.utmCampaign,
        attributed_orders: results.attributedOrders,
        attributed_revenue: moneyToNumber(results.attributedRevenue),
        roas: results.roas,
        new_customers: results.newCustomers,
        lift: lifts.length === 0 ? null : Object.fromEntries(lifts.map((lift) => [lift.baseline, { during: lift.during, before: lift.before, change: lift.change, low: lift.low, high: lift.high, reading: lift.reading, words: lift.words }])),
        review: promotion.verdict
          ? { verdict: promotion.verdict, learned: promotion.learned, next_step: promotion.nextStep, reviewed_by: promotion.reviewedByName, reviewed_at: promotion.reviewedAt?.toISOString() ?? null }
          : null,
      });
    }
    if (values.json) {
      console.log(JSON.stringify({ promotions: rows }));
      return;
    }
    rows.forEach((row, i) => {
      const spend = formatMoney(promotions[i]!.spend);
      console.log(`${row.start}..${row.end}\t${row.title}\t${row.indicator ?? "(no indicator)"}\tspend ${spend}\t${row.attributed_orders} orders\trevenue ${row.attributed_revenue}\troas ${row.roas ?? "—"}`);
    });
  },
} as const;
