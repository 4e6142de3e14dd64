import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { formatMoney, moneyToNumber } from "~/lib/money";
import { ensureRollups } from "~/indicators/rollups.server";
import { parsePromotion, type ParsedPromotion, type RawPromotion } from "~/promotions/promotion-input";
import { attributedOrders, createPromotions, livePromotions, promotionLift, resultsOf } from "~/promotions/promotions.server";
import { timeZone } from "~/lib/time-zone";
import type { Actor } from "~/strategy/staff.server";
import { rebuildProgress } from "./progress";
import { knownShop } from "./report-args";
import { UsageError } from "./usage-error";

const HEADER = ["title", "type", "channel", "start", "end", "spend", "discount_codes", "utm_campaign", "indicator", "hypothesis", "expected_change"] as const;

function commandLineActor(shop: string): Actor {
  return { shop, userId: "cli", name: "Command line", role: "owner", accountOwner: false, collaborator: false };
}

/** Every row checked; all errors reported by line number (the header is line 1). */
export function parsePromotionsCsv(text: string): { ok: true; promotions: ParsedPromotion[] } | { ok: false; errors: string[] } {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (error) {
    return { ok: false, errors: [`the file isn't valid CSV: ${(error as Error).message}`] };
  }
  const [header, ...rows] = records;
  const columns = (header ?? []).map((name) => name.toLowerCase());
  const missing = HEADER.filter((name) => !columns.includes(name));
  if (missing.length > 0) return { ok: false, errors: [`line 1: the header lacks ${missing.join(", ")} (expected ${HEADER.join(",")})`] };
  if (rows.length === 0) return { ok: false, errors: ["the file has no promotions under its header"] };
  const errors: string[] = [];
  const promotions: ParsedPromotion[] = [];
  rows.forEach((row, index) => {
    const cell = (name: (typeof HEADER)[number]) => row[columns.indexOf(name)] ?? "";
    const raw: RawPromotion = {
      title: cell("title"),
      type: cell("type"),
      channel: cell("channel"),
      start: cell("start"),
      end: cell("end"),
      spend: cell("spend"),
      discountCodes: cell("discount_codes"),
      utmCampaign: cell("utm_campaign"),
      indicator: cell("indicator"),
      hypothesis: cell("hypothesis"),
      expectedChange: cell("expected_change"),
    };
    const parsed = parsePromotion(raw);
    if (parsed.ok) promotions.push(parsed.value);
    else errors.push(`line ${index + 2}: ${Object.entries(parsed.errors).map(([field, message]) => `${field}: ${message}`).join(" ")}`);
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, promotions };
}

export const promotionsCommand = {
  summary: "import promotions from a spreadsheet, list them with their results",
  options: { shop: { type: "string" }, json: { type: "boolean" } },
  async run(values: Record<string, string | boolean | undefined>, positionals: string[]) {
    const [action, file] = positionals;
    if (action !== "import" && action !== "list") throw new UsageError(`promotions: say "import FILE.csv" or "list"`);
    const { default: db } = await import("~/db.server");
    const shop = await knownShop(db, values.shop);

    if (action === "import") {
      if (!file) throw new UsageError("promotions import: give the CSV file (promotions import --shop D FILE.csv)");
      let text: string;
      try {
        text = readFileSync(file, "utf8");
      } catch {
        throw new UsageError(`promotions import: can't read ${file}`);
      }
      const parsed = parsePromotionsCsv(text);
      if (!parsed.ok) {
        process.stderr.write(`${parsed.errors.map((error) => `error: ${error}`).join("\n")}\nnothing imported\n`);
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
      const results = resultsOf(attributedOrders(db, promotion, shop.ianaTimezone), promotion.spend);
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
