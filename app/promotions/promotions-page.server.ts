/**
 * The Promotions page: every promotion with its results, lift, linked products and review,
 * filters, and the actions (log, edit, duplicate, archive, review, add a note, show in or take off
 * Shopify). Staff may log and review promotions; editing, archiving and showing in Shopify are for
 * the person who logged it, an owner or a strategist.
 */
import type { PrismaClient, Promotion } from "@prisma/client";
import type { AdminClient } from "~/admin-api/client.server";
import { INDICATORS, ORDER_INDICATOR_KEYS, isIndicatorKey } from "~/indicators/definitions";
import { formatValue } from "~/indicators/format";
import { rollupsReady, startRollupRebuild } from "~/indicators/rollups.server";
import { productReport } from "~/indicators/report.server";
import { parseDay, previousPeriod } from "~/lib/calendar";
import { recordId } from "~/lib/form.server";
import { formatMoney, moneyToNumber } from "~/lib/money";
import { timeZone } from "~/lib/time-zone";
import { can } from "~/strategy/roles";
import { ForbiddenError, requirePermission, staffMembers, type Actor } from "~/strategy/staff.server";
import { parsePromotion, PROMOTION_TYPES, type RawPromotion } from "./promotion-input";
import { attributedOrders, createPromotions, livePromotions, mayManage, promotionLift, referenceErrors, resultsOf, updatePromotion, type PromotionWithCodes } from "./promotions.server";
import { isShownInShopify, removeFromShopify, showInShopify, spendFits } from "./shopify.server";

const FORM_FIELDS = ["title", "type", "channel", "start", "end", "budget", "spend", "discountCodes", "utmCampaign", "indicator", "hypothesis", "expectedChange", "owner", "productIds"] as const;

/** An amount as staff would type it back: "250", "99.9", "0.1234". */
const typedMoney = (value: bigint | null) => (value === null ? "" : formatMoney(value, 4).replace(/\.?0+$/, ""));

/** The form's fields for a stored promotion (editing it). */
export function promotionFormValues(promotion: PromotionWithCodes): Record<(typeof FORM_FIELDS)[number], string> {
  return {
    title: promotion.title,
    type: promotion.type,
    channel: promotion.channel ?? "",
    start: promotion.start,
    end: promotion.end,
    budget: typedMoney(promotion.budget),
    spend: typedMoney(promotion.spend),
    discountCodes: promotion.codes.join("; "),
    utmCampaign: promotion.utmCampaign ?? "",
    indicator: promotion.indicator ?? "",
    hypothesis: promotion.hypothesis ?? "",
    expectedChange: promotion.expectedChange ?? "",
    owner: promotion.ownerId ?? "",
    productIds: promotion.productIds.join(","),
  };
}

/**
 * A new promotion's fields given in the URL, as the "Track as promotion" admin action opens the
 * page (?codes=SPRING;VIP10&title=…&start=…&end=…). Only known fields are taken; values are
 * checked when the form is submitted, like anything typed.
 */
export function prefilledValues(params: URLSearchParams): Record<string, string> | null {
  const values: Record<string, string> = {};
  if (params.get("codes")) values.discountCodes = params.get("codes")!.slice(0, 5000);
  for (const name of ["title", "start", "end", "type", "utmCampaign"] as const) if (params.get(name)) values[name] = params.get(name)!.slice(0, 1000);
  if (Object.keys(values).length === 0) return null;
  return { type: values.discountCodes ? "discount" : "other", ...values };
}

export type PromotionStatus = "upcoming" | "running" | "awaiting_review" | "overdue" | "reviewed";
/** A review is overdue this many days after the promotion ended. */
export const REVIEW_DUE_DAYS = 7;
export const VERDICTS = { worked: "Worked", no_effect: "No effect", hurt: "Hurt", inconclusive: "Inconclusive" } as const;
export const STATUS_LABELS: Record<PromotionStatus, string> = {
  upcoming: "Upcoming",
  running: "Running",
  awaiting_review: "Awaiting review",
  overdue: "Review overdue",
  reviewed: "Reviewed",
};

export function promotionStatus(promotion: Pick<Promotion, "start" | "end" | "verdict">, today: number): PromotionStatus {
  if (promotion.verdict) return "reviewed";
  const start = parseDay(promotion.start)!;
  const end = parseDay(promotion.end)!;
  if (today < start) return "upcoming";
  if (today <= end) return "running";
  return today - end > REVIEW_DUE_DAYS ? "overdue" : "awaiting_review";
}

export async function promotionsPage(db: PrismaClient, actor: Actor, params: URLSearchParams, now: Date) {
  const shop = await db.shop.findUnique({ where: { shop: actor.shop }, select: { ianaTimezone: true, currencyCode: true } });
  const zone = shop?.ianaTimezone ?? "UTC";
  const currency = shop?.currencyCode ?? "USD";
  const today = timeZone(zone).localDay(now.getTime());
  const ready = shop !== null && (await rollupsReady(db, actor.shop));
  if (shop && !ready) startRollupRebuild(db, actor.shop);
  const filters = { status: params.get("status") ?? "", indicator: params.get("indicator") ?? "", type: params.get("type") ?? "", q: params.get("q")?.trim() ?? "" };
  const all = await livePromotions(db, actor.shop);
  const notes = await db.promotionNote.findMany({ where: { shop: actor.shop, promotionId: { in: all.map((promotion) => promotion.id) } }, orderBy: { id: "asc" } });
  const productIds = [...new Set(all.flatMap((promotion) => promotion.productIds))];
  const titles = new Map((await db.product.findMany({ where: { shop: actor.shop, id: { in: productIds } }, select: { id: true, title: true } })).map((product) => [product.id, product.title]));
  const editId = Number(params.get("edit"));
  const editing = all.find((promotion) => promotion.id === editId && mayManage(actor, promotion));
  const money = (value: bigint | null) => (value === null ? "—" : formatValue("money", moneyToNumber(value), currency));
  const views = [];
  for (const promotion of all) {
    const status = promotionStatus(promotion, today);
    if (filters.status && filters.status !== status && !(filters.status === "needs_review" && (status === "awaiting_review" || status === "overdue"))) continue;
    if (filters.indicator && (filters.indicator === "none" ? promotion.indicator !== null : promotion.indicator !== filters.indicator)) continue;
    if (filters.type && promotion.type !== filters.type) continue;
    if (filters.q && !promotion.title.toLowerCase().includes(filters.q.toLowerCase())) continue;
    views.push(await promotionView(db, promotion, status, zone, today, ready, money, notes.filter((note) => note.promotionId === promotion.id), titles));
  }
  return {
    ready,
    currency,
    timeZone: zone,
    filters,
    actor: { name: actor.name, userId: actor.userId, canManageAll: can(actor.role, "edit_strategy") },
    promotions: views,
    form: editing ? { mode: "edit" as const, id: editing.id, title: editing.title, values: promotionFormValues(editing) } : { mode: "create" as const, values: prefilledValues(params) },
    team: (await staffMembers(db, actor.shop)).map((member) => ({ userId: member.userId, name: member.name })),
    productTitles: Object.fromEntries(titles),
    counts: { needsReview: all.filter((promotion) => ["awaiting_review", "overdue"].includes(promotionStatus(promotion, today))).length, withoutIndicator: all.filter((promotion) => !promotion.indicator).length },
    indicators: ORDER_INDICATOR_KEYS.map((key) => ({ key, label: INDICATORS[key].label })),
    types: PROMOTION_TYPES,
  };
}

async function promotionView(
  db: PrismaClient,
  promotion: PromotionWithCodes,
  status: PromotionStatus,
  zone: string,
  today: number,
  ready: boolean,
  money: (value: bigint | null) => string,
  notes: { id: number; authorName: string; body: string; createdAt: Date }[],
  titles: Map<string, string>,
) {
  const results = ready ? resultsOf(attributedOrders(db, promotion, zone), promotion.spend) : null;
  const products = ready ? await linkedProductResults(db, promotion, today, titles) : [];
  const lifts = ready ? await promotionLift(db, promotion, today) : [];
  return {
    id: promotion.id,
    title: promotion.title,
    type: promotion.type,
    channel: promotion.channel,
    ownerId: promotion.ownerId,
    createdBy: promotion.createdBy,
    ownerName: promotion.ownerName,
    start: promotion.start,
    end: promotion.end,
    status,
    statusLabel: STATUS_LABELS[status],
    indicator: promotion.indicator,
    indicatorLabel: promotion.indicator && isIndicatorKey(promotion.indicator) ? INDICATORS[promotion.indicator].label : null,
    hypothesis: promotion.hypothesis,
    expectedChange: promotion.expectedChange,
    codes: promotion.codes,
    utmCampaign: promotion.utmCampaign,
    budget: money(promotion.budget),
    spend: money(promotion.spend),
    results: results && {
      orders: results.attributedOrders,
      revenue: money(results.attributedRevenue),
      roas: results.roas === null ? "—" : `${results.roas.toFixed(2)}×`,
      newCustomers: results.newCustomers,
    },
    lift: lifts.map((lift) => ({ baseline: lift.baseline, reading: lift.reading, words: lift.words })),
    review: promotion.verdict
      ? { verdict: VERDICTS[promotion.verdict as keyof typeof VERDICTS] ?? promotion.verdict, learned: promotion.learned, nextStep: promotion.nextStep, by: promotion.reviewedByName, at: promotion.reviewedAt?.toISOString() ?? null }
      : null,
    notes: notes.map((note) => ({ id: note.id, author: note.authorName, body: note.body, at: note.createdAt.toISOString() })),
    products: products.map((product) => ({ ...product, netSales: money(product.netSales), netSalesBefore: money(product.netSalesBefore) })),
    shopify: {
      shown: isShownInShopify(promotion),
      annotation: promotion.annotationId !== null,
      spendFits: spendFits(promotion),
      spendSentThrough: promotion.marketingRemoteId ? promotion.spendSentThrough : null,
      error: promotion.shopifyError,
    },
  };
}

/**
 * Each linked product's units and net sales over the promotion's days so far, against the same
 * number of days just before (from the daily product rollups).
 */
async function linkedProductResults(db: PrismaClient, promotion: PromotionWithCodes, today: number, titles: Map<string, string>) {
  if (promotion.productIds.length === 0) return [];
  const during = { from: parseDay(promotion.start)!, to: Math.min(parseDay(promotion.end)!, today) };
  if (during.to < during.from) return promotion.productIds.map((id) => ({ id, title: titles.get(id) ?? id, days: 0, units: 0, unitsBefore: 0, netSales: 0n, netSalesBefore: 0n }));
  const [now, before] = await Promise.all([productReport(db, promotion.shop, during), productReport(db, promotion.shop, previousPeriod(during))]);
  return promotion.productIds.map((id) => {
    const [row, prior] = [now.find((candidate) => candidate.product_id === id), before.find((candidate) => candidate.product_id === id)];
    return {
      id,
      title: titles.get(id) ?? row?.title ?? prior?.title ?? id,
      days: during.to - during.from + 1,
      units: row?.units ?? 0,
      unitsBefore: prior?.units ?? 0,
      netSales: row?.net_sales ?? 0n,
      netSalesBefore: prior?.net_sales ?? 0n,
    };
  });
}

const ACTION_INTENTS = ["create_promotion", "update_promotion", "duplicate_promotion", "archive_promotion", "show_in_shopify", "remove_from_shopify", "review_promotion", "add_note"] as const;

export type PromotionsActionResult = { intent: string; ok: true; message: string } | { intent: string; ok: false; errors: Record<string, string>; id?: number };

export async function promotionsAction(
  db: PrismaClient,
  actor: Actor,
  form: FormData,
  now: Date,
  clientFor: () => Promise<AdminClient>,
): Promise<{ status: number; body: PromotionsActionResult }> {
  const intent = String(form.get("intent") ?? "");
  const text = (name: string) => (form.get(name) === null ? null : String(form.get(name)));
  const givenId = recordId(form);
  const invalid = (errors: Record<string, string>) => ({ status: 400, body: { intent, ok: false as const, errors, ...(givenId !== null ? { id: givenId } : {}) } });
  if (!ACTION_INTENTS.includes(intent as never)) return invalid({ intent: intent ? `Unknown action "${intent.slice(0, 100)}" (actions: ${ACTION_INTENTS.join(", ")}).` : "The form names no action (intent)." });
  // Every action but logging a new one is about one promotion, named by its id.
  if (intent !== "create_promotion" && givenId === null) return invalid({ id: text("id") ? `"${text("id")!.slice(0, 100)}" is not a promotion's id (a positive whole number).` : "Say which promotion (its id)." });
  const id = givenId ?? 0;
  const done = (message: string) => ({ status: 200, body: { intent, ok: true as const, message } });
  const find = () => db.promotion.findFirst({ where: { id, shop: actor.shop, archivedAt: null } });
  switch (intent) {
    case "create_promotion": {
      const parsed = parsePromotion(Object.fromEntries(FORM_FIELDS.map((key) => [key, text(key)])) as RawPromotion);
      if (!parsed.ok) return invalid(parsed.errors as Record<string, string>);
      const unknown = await referenceErrors(db, actor, parsed.value);
      if (Object.keys(unknown).length > 0) return invalid(unknown);
      await createPromotions(db, actor, [parsed.value], now);
      return done(parsed.value.indicator ? "Promotion logged." : "Promotion logged. It has no indicator yet: say which one it should move, so the weekly review can judge it.");
    }
    case "update_promotion": {
      const parsed = parsePromotion(Object.fromEntries(FORM_FIELDS.map((key) => [key, text(key)])) as RawPromotion);
      if (!parsed.ok) return invalid(parsed.errors as Record<string, string>);
      const unknown = await referenceErrors(db, actor, parsed.value);
      if (Object.keys(unknown).length > 0) return invalid(unknown);
      const updated = await updatePromotion(db, actor, id, parsed.value, now);
      if (!updated) return invalid({ id: "That promotion doesn't exist (any more)." });
      const shopifyError = isShownInShopify(updated) ? (await showInShopify(db, await clientFor(), { ...updated, codes: parsed.value.codes }, now, true)).error : null;
      const message = parsed.value.indicator ? "Promotion updated." : "Promotion updated. It still has no indicator: say which one it should move.";
      return done(shopifyError ? `${message} Shopify wasn't updated: ${shopifyError}` : message);
    }
    case "duplicate_promotion": {
      requirePermission(actor, "log_promotions");
      const original = (await livePromotions(db, actor.shop)).find((promotion) => promotion.id === id);
      if (!original) return invalid({ id: "That promotion doesn't exist (any more)." });
      const { codes, productIds, budget, spend, indicator, type, ...rest } = original;
      await createPromotions(
        db,
        actor,
        [{ title: `${rest.title} (copy)`.slice(0, 200), type: type as never, channel: rest.channel, start: rest.start, end: rest.end, budget, spend, codes, utmCampaign: rest.utmCampaign, indicator: indicator as never, hypothesis: rest.hypothesis, expectedChange: rest.expectedChange, ownerId: rest.ownerId, productIds }],
        now,
      );
      return done("Promotion duplicated: change its dates and spend.");
    }
    case "archive_promotion": {
      const promotion = await find();
      if (!promotion) return invalid({ id: "That promotion doesn't exist (any more)." });
      if (!mayManage(actor, promotion)) throw new ForbiddenError("Only whoever logged this promotion, the owner or a strategist can archive it.");
      const shopifyError = isShownInShopify(promotion) ? await removeFromShopify(db, await clientFor(), promotion) : null;
      await db.promotion.update({ where: { id }, data: { archivedAt: now, updatedAt: now } });
      return done(shopifyError ? `Promotion archived. It couldn't be taken off Shopify: ${shopifyError}` : "Promotion archived.");
    }
    case "show_in_shopify": {
      const promotion = (await livePromotions(db, actor.shop)).find((candidate) => candidate.id === id);
      if (!promotion) return invalid({ id: "That promotion doesn't exist (any more)." });
      if (!mayManage(actor, promotion)) throw new ForbiddenError("Only whoever logged this promotion, the owner or a strategist can show it in Shopify.");
      const { error, daysSent } = await showInShopify(db, await clientFor(), promotion, now, true);
      if (error) return invalid({ shopify: error });
      return done(
        spendFits(promotion)
          ? `Shown on Shopify's Analytics charts; ${daysSent} day(s) of spend sent to Shopify's marketing reports, the rest follow day by day.`
          : `Shown on Shopify's Analytics charts. Its spend isn't sent: Shopify needs ${promotion.spend > 0n ? "a UTM campaign" : "spend"} to count it in marketing reports.`,
      );
    }
    case "remove_from_shopify": {
      const promotion = await find();
      if (!promotion) return invalid({ id: "That promotion doesn't exist (any more)." });
      if (!mayManage(actor, promotion)) throw new ForbiddenError("Only whoever logged this promotion, the owner or a strategist can take it off Shopify.");
      const error = await removeFromShopify(db, await clientFor(), promotion);
      if (error) return invalid({ shopify: error });
      return done("Taken off Shopify; it stays here.");
    }
    case "review_promotion": {
      requirePermission(actor, "log_promotions");
      const promotion = await find();
      if (!promotion) return invalid({ id: "That promotion doesn't exist (any more)." });
      const errors: Record<string, string> = {};
      const verdict = text("verdict") ?? "";
      if (!(verdict in VERDICTS)) errors.verdict = "Choose a verdict: worked, no effect, hurt or inconclusive.";
      const learned = text("learned")?.trim() ?? "";
      if (!learned) errors.learned = "Say what was learned, even in a line.";
      else if (learned.length > 2000) errors.learned = "Keep it under 2,000 characters.";
      const nextStep = text("nextStep")?.trim() || null;
      if (nextStep && nextStep.length > 2000) errors.nextStep = "Keep it under 2,000 characters.";
      const shop = await db.shop.findUnique({ where: { shop: actor.shop }, select: { ianaTimezone: true } });
      if (parseDay(promotion.end)! >= timeZone(shop?.ianaTimezone ?? "UTC").localDay(now.getTime())) errors.verdict = "A promotion is reviewed once it has ended.";
      if (Object.keys(errors).length > 0) return invalid(errors);
      await db.promotion.update({ where: { id }, data: { verdict, learned, nextStep, reviewedBy: actor.userId, reviewedByName: actor.name, reviewedAt: now, updatedAt: now } });
      return done("Review saved.");
    }
    case "add_note": {
      requirePermission(actor, "log_promotions");
      if (!(await find())) return invalid({ id: "That promotion doesn't exist (any more)." });
      const body = text("body")?.trim() ?? "";
      if (!body) return invalid({ body: "Write the note first." });
      if (body.length > 2000) return invalid({ body: `The note is too long (${body.length.toLocaleString("en")} characters; at most 2,000).` });
      await db.promotionNote.create({ data: { shop: actor.shop, promotionId: id, authorId: actor.userId, authorName: actor.name, body, createdAt: now } });
      return done("Note added.");
    }
    default:
      return invalid({ intent: `Unknown action "${intent.slice(0, 100)}".` });
  }
}
