/**
 * The Promotions page: every promotion with its results, lift, linked products and review,
 * filters, and the actions (log, edit, duplicate, archive, review, add a note, show in or take off
 * Shopify). Staff may log and review promotions; editing, archiving and showing in Shopify are for
 * the person who logged it, an owner or a strategist.
 */
import { isAdPlatform, type AdPlatform } from "~/ads/platforms/types";
import { promotionSpends } from "~/ads/linked-spend.server";
import { databaseUrlOf } from "~/db.server";
import { listedPromotions } from "./promotion-rows.server";
import type { PrismaClient, Promotion } from "@prisma/client";
import type { AttributedOrder } from "./attribution-store.server";
import { z } from "zod";
import { storePlaybook } from "~/playbooks/playbooks.server";
import { formatDateRange } from "~/lib/dates";
import type { AdminClient } from "~/admin-api/client.server";
import { INDICATORS, ORDER_INDICATOR_KEYS, isIndicatorKey } from "~/indicators/definitions";
import { exactAmount, formatValue } from "~/indicators/format";
import { PROMOTION_FIGURE_KEYS } from "./promotion-cost";
import { rollupsReady } from "~/indicators/rollups.server";
import { productReport } from "~/indicators/report.server";
import { previousPeriod } from "~/lib/calendar";
import { parseRecordId, recordId } from "~/lib/form.server";
import { slices } from "~/lib/slices";
import { done, idField, intentsFor, refused, runIntent, textField, type Intent, type IntentResponse, type IntentResult } from "~/lib/form-intents.server";
import { formatMoney } from "@throughline/shopify-common/money";
import { timeZone } from "@throughline/shopify-common/time-zone";
import { ForbiddenError, requirePermission, staffMembers, type Actor, type StaffActionContext } from "~/staff/staff.server";
import { parsePromotion, type RawPromotion } from "./promotion-input";
import { PROMOTION_TYPES } from "./promotion-types";
import { isVerdict, promotionStatus, statusLabel, verdictLabel, type PromotionStatus } from "./promotion-status";
import {
  attributedOrdersOf,
  createPromotions,
  liftWindow,
  livePromotion,
  mayManage,
  preloadedStoreDays,
  promotionLift,
  referenceErrors,
  resultsOf,
  updatePromotion,
  withCodesAndProducts,
  type PromotionWithCodes,
  type StoreDays,
} from "./promotions.server";
import { stageRefusalsOf } from "./stage-check.server";
import { limitingStage } from "~/staff/stages";
import { hasEnded, selfReviewView } from "./self-review";
import { awaitingAnswerOf, saveSelfReview, shopToday, verdictWait } from "./self-review.server";
import { isShownInShopify, removeFromShopify, showInShopify, spendFits } from "./shopify-marketing.server";
import { localizer, type Localizer } from "~/i18n/localizer";
import { currentLocalizer } from "~/i18n/scope";
import { storedWords } from "~/i18n/stored-message";

const FORM_FIELDS = [
  "title",
  "type",
  "channel",
  "start",
  "end",
  "budget",
  "spend",
  "discountCodes",
  "utmCampaign",
  "indicator",
  "hypothesis",
  "expectedChange",
  "owner",
  "productIds",
  "tactic",
  "adCampaign",
] as const;

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
    tactic: promotion.tactic ?? "",
    adCampaign: promotion.adCampaignId ? `${promotion.adPlatform}|${promotion.adAccountId}|${promotion.adCampaignId}` : "",
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
  for (const name of ["title", "start", "end", "type", "utmCampaign", "adCampaign"] as const)
    if (params.get(name)) values[name] = params.get(name)!.slice(0, 1000);
  if (Object.keys(values).length === 0) return null;
  return { type: values.discountCodes ? "discount" : "other", ...values };
}

/** Promotions per page: enough to scan a month of a busy team, few enough that each one's results and lift are computed on every load. */
export const PROMOTIONS_PER_PAGE = 25;
/** Codes a card lists (a promotion logged before codes were bounded can hold thousands); the rest are counted. */
export const CODES_SHOWN = 50;
/** Notes a card shows, the latest; earlier ones are counted. */
export const NOTES_SHOWN = 50;

/** The page `?page=` asks for among `pages`: a bad value shows the first page and a huge one the last, each with a note saying so. */
export function chosenPage(param: string | null, pages: number): { page: number; error: string | null } {
  const text = param?.trim() ?? "";
  if (text === "") return { page: 1, error: null };
  const { t } = currentLocalizer();
  if (!/^\d{1,15}$/.test(text) || Number(text) < 1) return { page: 1, error: t("promotions.page.notAPage", { given: text.slice(0, 40) }) };
  if (Number(text) > pages) return { page: pages, error: t("promotions.page.onlyPages", { count: pages }) };
  return { page: Number(text), error: null };
}

type PromotionFilters = { status: string; indicator: string; type: string; q: string };
type ListedPromotion = Pick<Promotion, "id" | "title" | "type" | "start" | "end" | "verdict" | "indicator">;

function matchesFilters(promotion: ListedPromotion, status: PromotionStatus, filters: PromotionFilters): boolean {
  if (
    filters.status &&
    filters.status !== ARCHIVED &&
    filters.status !== status &&
    !(filters.status === "needs_review" && (status === "awaiting_review" || status === "overdue"))
  )
    return false;
  if (filters.indicator && (filters.indicator === "none" ? promotion.indicator !== null : promotion.indicator !== filters.indicator)) return false;
  if (filters.type && promotion.type !== filters.type) return false;
  return !filters.q || promotion.title.toLowerCase().includes(filters.q.toLowerCase());
}

/** The campaigns of the connected platforms a promotion can be linked to by hand, by platform and name ("platform|account|campaign"). */
async function adCampaignOptions(db: PrismaClient, shop: string, { t }: Localizer): Promise<{ value: string; label: string }[]> {
  const connected = (await db.adConnection.findMany({ where: { shop }, select: { platform: true } })).map((row) => row.platform).filter(isAdPlatform);
  if (connected.length === 0) return [];
  const campaigns = await db.adCampaignDay.findMany({
    where: { shop, platform: { in: connected } },
    distinct: ["platform", "accountId", "campaignId"],
    orderBy: [{ date: "desc" }],
    select: { platform: true, accountId: true, campaignId: true, campaignName: true },
  });
  return campaigns
    .map((campaign) => ({
      value: `${campaign.platform}|${campaign.accountId}|${campaign.campaignId}`,
      label: `${t(`costs.ads.platforms.${campaign.platform as AdPlatform}`)} · ${campaign.campaignName}`,
    }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

/** The status filter that lists archived promotions (each with a way back) instead of live ones. */
export const ARCHIVED = "archived";

export async function promotionsPage(db: PrismaClient, actor: Actor, params: URLSearchParams, now: Date) {
  const l10n = localizer(actor.locale);
  const { t, locale } = l10n;
  const shop = await db.shop.findUnique({ where: { shop: actor.shop }, select: { ianaTimezone: true, currencyCode: true } });
  const zone = shop?.ianaTimezone ?? "UTC";
  const currency = shop?.currencyCode ?? "USD";
  const today = timeZone(zone).localDay(now.getTime());
  const ready = shop !== null && (await rollupsReady(db, actor.shop));
  const param = (name: string, max: number) => params.get(name)?.trim().slice(0, max) ?? "";
  const filters: PromotionFilters = { status: param("status", 40), indicator: param("indicator", 60), type: param("type", 40), q: param("q", 200) };
  // Filters and counts read a few columns of every promotion; codes, results and lift only for the page shown.
  const archivedView = filters.status === ARCHIVED;
  const listed = (await listedPromotions(databaseUrlOf(db), actor.shop, { archived: archivedView })).map((promotion) => ({
    ...promotion,
    status: promotionStatus(promotion, today),
  }));
  const matching = listed.filter((promotion) => matchesFilters(promotion, promotion.status, filters));
  const pages = Math.max(1, Math.ceil(matching.length / PROMOTIONS_PER_PAGE));
  const chosen = chosenPage(params.get("page"), pages);
  const onPage = matching.slice((chosen.page - 1) * PROMOTIONS_PER_PAGE, chosen.page * PROMOTIONS_PER_PAGE);
  const order = new Map(onPage.map((promotion, index) => [promotion.id, index]));
  const shown = (
    await withCodesAndProducts(
      db,
      actor.shop,
      await db.promotion.findMany({ where: { shop: actor.shop, id: { in: onPage.map((promotion) => promotion.id) } } }),
    )
  ).sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  const editId = parseRecordId(params.get("edit"));
  const editCandidate = editId === null ? null : await livePromotion(db, actor.shop, editId);
  const editing = editCandidate && mayManage(actor, editCandidate) ? editCandidate : null;
  const productIds = [...new Set([...shown, ...(editing ? [editing] : [])].flatMap((promotion) => promotion.productIds))];
  const titles = new Map<string, string>();
  for (const ids of slices(productIds))
    for (const product of await db.product.findMany({ where: { shop: actor.shop, id: { in: ids } }, select: { id: true, title: true } }))
      titles.set(product.id, product.title);
  const money = (value: bigint | null) => (value === null ? "—" : formatValue("money", exactAmount(value), currency, locale));
  // The page's promotions' orders, and the days their lift reads, each read once for the page.
  const [attributed, days, spends] = ready
    ? await Promise.all([attributedOrdersOf(db, actor.shop, shown), preloadedStoreDays(db, actor.shop, shown, today), promotionSpends(db, actor.shop, shown)])
    : [null, null, null];
  const members = await staffMembers(db, actor.shop);
  const names = new Map(members.map((member) => [member.userId, member.name]));
  const views = [];
  for (const promotion of shown) {
    const measured = attributed && days ? { orders: attributed.get(promotion.id) ?? [], days, spend: spends?.get(promotion.id) ?? promotion.spend } : null;
    const view = await promotionView(
      db,
      promotion,
      promotionStatus(promotion, today),
      measured,
      today,
      money,
      await latestNotes(db, promotion.id),
      titles,
      l10n,
    );
    // Whether this person may change it, by the server's own rule (whoever logged it or runs it, an owner, a strategist).
    views.push({ ...view, canManage: mayManage(actor, promotion), selfReview: selfReviewView(promotion, actor.userId, names, today, l10n) });
  }
  const playbook = await playbookOffer(db, actor.shop, today, money, l10n);
  return {
    ready,
    currency,
    timeZone: zone,
    filters,
    actor: { name: actor.name, userId: actor.userId },
    promotions: views,
    pagination: {
      page: chosen.page,
      pages,
      total: matching.length,
      perPage: PROMOTIONS_PER_PAGE,
      hasPrevious: chosen.page > 1,
      hasNext: chosen.page < pages,
      error: chosen.error,
    },
    form: editing
      ? { mode: "edit" as const, id: editing.id, title: editing.title, values: promotionFormValues(editing) }
      : { mode: "create" as const, values: withTactic(prefilledValues(params), playbook, params.get("tactic")) },
    team: members.map((member) => ({ userId: member.userId, name: member.name })),
    productTitles: Object.fromEntries(titles),
    adCampaigns: await adCampaignOptions(db, actor.shop, l10n),
    archivedView,
    counts: {
      archived: await db.promotion.count({ where: { shop: actor.shop, archivedAt: { not: null } } }),
      needsReview: archivedView ? 0 : listed.filter((promotion) => promotion.status === "awaiting_review" || promotion.status === "overdue").length,
      withoutIndicator: archivedView ? 0 : listed.filter((promotion) => !promotion.indicator).length,
      awaitingYourAnswer: archivedView ? 0 : await awaitingAnswerOf(db, actor, today),
    },
    indicators: ORDER_INDICATOR_KEYS.map((key) => ({ key, label: t(`indicators.${key}.label`) })),
    /** What the cards' ROAS, whole cost and gross profit on cost mean (docs/indicators.md). */
    definitions: [
      { label: t("promotions.card.roas"), description: t("indicators.roas.description") },
      ...PROMOTION_FIGURE_KEYS.map((key) => ({ label: t(`promotionFigures.${key}.label`), description: t(`promotionFigures.${key}.description`) })),
    ],
    types: PROMOTION_TYPES,
    playbook,
    /** What the acting member's stage lets the form offer (null: beyond any stage). */
    stage: limitingStage(actor.role, members.find((member) => member.userId === actor.userId)?.stage ?? "follow"),
  };
}

/** "Log a promotion with it" from the Playbooks page (?tactic=key): the form starts from the tactic, as "Use this tactic" fills it. */
function withTactic(
  values: Record<string, string> | null,
  playbook: { key: string; indicator: string; type: string; title: string; hypothesis: string }[],
  key: string | null,
): Record<string, string> | null {
  const tactic = key ? playbook.find((item) => item.key === key) : undefined;
  if (!tactic) return values;
  return { tactic: tactic.key, indicator: tactic.indicator, type: tactic.type, title: tactic.title, hypothesis: tactic.hypothesis, ...values };
}

/** A promotion's latest notes (oldest first) and how many earlier ones are not shown. */
async function latestNotes(db: PrismaClient, promotionId: number) {
  const [latest, count] = await Promise.all([
    db.promotionNote.findMany({ where: { promotionId }, orderBy: { id: "desc" }, take: NOTES_SHOWN }),
    db.promotionNote.count({ where: { promotionId } }),
  ]);
  return { notes: latest.reverse(), earlier: count - latest.length };
}

async function promotionView(
  db: PrismaClient,
  promotion: PromotionWithCodes,
  status: PromotionStatus,
  /** Its attributed orders, the store's days and what it spent (its campaign's when linked), or null while the store's figures are being computed. */
  measured: { orders: AttributedOrder[]; days: StoreDays; spend: bigint } | null,
  today: number,
  money: (value: bigint | null) => string,
  { notes, earlier }: Awaited<ReturnType<typeof latestNotes>>,
  titles: Map<string, string>,
  l10n: Localizer,
) {
  const { t } = l10n;
  const results = measured ? resultsOf(measured.orders, measured.spend) : null;
  const products = measured ? await linkedProductResults(db, promotion, today, titles, l10n) : null;
  const lifts = measured ? await promotionLift(db, promotion, today, measured.days) : [];
  return {
    id: promotion.id,
    title: promotion.title,
    type: promotion.type,
    channel: promotion.channel,
    ownerId: promotion.ownerId,
    ownerName: promotion.ownerName,
    start: promotion.start,
    end: promotion.end,
    status,
    statusLabel: statusLabel(status, l10n),
    indicator: promotion.indicator,
    indicatorLabel: promotion.indicator && isIndicatorKey(promotion.indicator) ? t(`indicators.${promotion.indicator}.label`) : null,
    hypothesis: promotion.hypothesis,
    expectedChange: promotion.expectedChange,
    codes: promotion.codes.slice(0, CODES_SHOWN),
    /** Codes tracked but not listed on the card. */
    moreCodes: Math.max(0, promotion.codes.length - CODES_SHOWN),
    utmCampaign: promotion.utmCampaign,
    budget: money(promotion.budget),
    // Its campaign's spend once linked to one (or its imported days), else what was typed.
    spend: money(measured?.spend ?? promotion.spend),
    results: results && {
      orders: results.attributedOrders,
      revenue: money(results.attributedRevenue),
      roas: formatValue("multiple", results.roas, "", l10n.locale),
      newCustomers: results.newCustomers,
      // Beside ROAS, what it cost with the discounts it gave away, and the gross profit it returned per unit of that.
      wholeCost: money(results.cost),
      profitOnCost: formatValue("multiple", results.profitOnCost, "", l10n.locale),
      /** How much of its orders' sales the profit speaks for, said when it isn't all. */
      costCoverage:
        results.costCoverage !== null && results.costCoverage < 1
          ? t("promotions.card.costCoverage", { coverage: formatValue("ratio", results.costCoverage, "", l10n.locale) })
          : null,
    },
    lift: lifts.map((lift) => ({ baseline: lift.baseline, reading: lift.reading, words: lift.words })),
    review: promotion.verdict
      ? {
          verdict: verdictLabel(promotion.verdict, l10n),
          learned: promotion.learned,
          nextStep: promotion.nextStep,
          by: promotion.reviewedByName,
          at: promotion.reviewedAt?.toISOString() ?? null,
        }
      : null,
    notes: notes.map((note) => ({ id: note.id, author: note.authorName, body: note.body, at: note.createdAt.toISOString() })),
    /** Earlier notes not shown on the card. */
    earlierNotes: earlier,
    products: (products?.rows ?? []).map((product) => ({ ...product, netSales: money(product.netSales), netSalesBefore: money(product.netSalesBefore) })),
    /** Over which days the linked products' figures are, in words. */
    productsOver: products?.over ?? "",
    shopify: {
      shown: isShownInShopify(promotion),
      annotation: promotion.annotationId !== null,
      spendFits: spendFits(promotion),
      spendSentThrough: promotion.marketingRemoteId ? promotion.spendSentThrough : null,
      error: storedWords(promotion.shopifyError, l10n),
    },
  };
}

/**
 * Each linked product's units and net sales over the promotion's complete days so far (its first
 * MAX_LIFT_DAYS at most, as lift: the days each page load reads stay bounded), against the same
 * number of days just before (from the daily product rollups).
 */
async function linkedProductResults(db: PrismaClient, promotion: PromotionWithCodes, today: number, titles: Map<string, string>, { t }: Localizer) {
  if (promotion.productIds.length === 0) return { rows: [], over: "" };
  const window = liftWindow(promotion, today);
  if (!window)
    return {
      rows: promotion.productIds.map((id) => ({ id, title: titles.get(id) ?? id, days: 0, units: 0, unitsBefore: 0, netSales: 0n, netSalesBefore: 0n })),
      over: t("promotions.card.overNone"),
    };
  const during = { from: window.from, to: window.to };
  const days = during.to - during.from + 1;
  const [now, before] = await Promise.all([productReport(db, promotion.shop, during), productReport(db, promotion.shop, previousPeriod(during))]);
  return {
    over: window.clipped ? t("promotions.card.overFirst", { count: days }) : t("promotions.card.overSoFar", { count: days }),
    rows: promotion.productIds.map((id) => {
      const [row, prior] = [now.find((candidate) => candidate.product_id === id), before.find((candidate) => candidate.product_id === id)];
      return {
        id,
        title: titles.get(id) ?? row?.title ?? prior?.title ?? id,
        days,
        units: row?.units ?? 0,
        unitsBefore: prior?.units ?? 0,
        netSales: row?.net_sales ?? 0n,
        netSalesBefore: prior?.net_sales ?? 0n,
      };
    }),
  };
}

/** A refusal names the promotion it was about, so the page shows it on that promotion's card. */
type PromotionRefusal = { id: number };
export type PromotionsActionResult = IntentResult<PromotionRefusal>;

/** What every intent of the Promotions page works with. */
interface PromotionsContext extends StaffActionContext {
  clientFor: () => Promise<AdminClient>;
  /** What Shopify refused, kept as a message, in this staff member's words. */
  said: (stored: string | null) => string | null;
}

const intent = intentsFor<PromotionsContext, PromotionRefusal>();
/** Every action but logging a new one is about one promotion, named by its id. */
const promotionId = ({ l10n: { t } }: PromotionsContext) =>
  idField({ missing: t("promotions.errors.whichPromotion"), notAnId: (given) => t("promotions.errors.notId", { given }) });
const promotionFields = z.object(Object.fromEntries(FORM_FIELDS.map((key) => [key, textField])) as Record<(typeof FORM_FIELDS)[number], typeof textField>);
const onePromotion = (c: PromotionsContext) => z.object({ id: promotionId(c) });
/** A live (not archived) promotion of the shop. */
const findLive = ({ db, actor }: PromotionsContext, id: number) => db.promotion.findFirst({ where: { id, shop: actor.shop, archivedAt: null } });

/**
 * The promotion as the form wrote it, checked, with the codes and products it names known to the
 * shop, within the stages of the people behind it (`editing`: the live promotion it changes).
 */
async function parsedFromForm(c: PromotionsContext, raw: RawPromotion, editing?: Promotion | null) {
  const parsed = parsePromotion(raw);
  if (!parsed.ok) return refused(parsed.errors as Record<string, string>);
  if (editing && !mayManage(c.actor, editing)) throw new ForbiddenError(c.l10n.t("promotions.errors.mayNotChange"));
  const unknown = { ...(await stageRefusalsOf(c.db, c.actor, parsed.value, editing?.ownerId)), ...(await referenceErrors(c.db, c.actor, parsed.value)) };
  return Object.keys(unknown).length > 0 ? refused(unknown) : parsed.value;
}

const PROMOTION_INTENTS: Record<string, Intent<PromotionsContext, PromotionRefusal>> = {
  create_promotion: intent(
    () => promotionFields,
    async (fields, c) => {
      const promotion = await parsedFromForm(c, fields);
      if ("ok" in promotion) return promotion;
      await createPromotions(c.db, c.actor, [promotion], c.now);
      return done(promotion.indicator ? c.l10n.t("promotions.messages.logged") : c.l10n.t("promotions.messages.loggedNoIndicator"));
    },
  ),
  update_promotion: intent(
    (c) => promotionFields.extend({ id: promotionId(c) }),
    async ({ id, ...fields }, c) => {
      const { t } = c.l10n;
      const promotion = await parsedFromForm(c, fields, await findLive(c, id));
      if ("ok" in promotion) return promotion;
      const updated = await updatePromotion(c.db, c.actor, id, promotion, c.now);
      if (!updated) return refused({ id: t("promotions.errors.noSuchPromotion") });
      const shopifyError = c.said(
        isShownInShopify(updated) ? (await showInShopify(c.db, await c.clientFor(), { ...updated, codes: promotion.codes }, c.now, true)).error : null,
      );
      const message = promotion.indicator ? t("promotions.messages.updated") : t("promotions.messages.updatedNoIndicator");
      return done(shopifyError ? t("promotions.messages.shopifyNotUpdated", { message, error: shopifyError }) : message);
    },
  ),
  duplicate_promotion: intent(onePromotion, async ({ id }, { db, actor, now, l10n: { t } }) => {
    requirePermission(actor, "log_promotions");
    const original = await livePromotion(db, actor.shop, id);
    if (!original) return refused({ id: t("promotions.errors.noSuchPromotion") });
    // The copy is a new promotion: it meets today's bounds, even when the original was logged before them.
    const copy = parsePromotion({ ...promotionFormValues(original), title: t("promotions.messages.copyTitle", { title: original.title }).slice(0, 200) });
    const problems = copy.ok ? await stageRefusalsOf(db, actor, copy.value) : copy.errors;
    if (!copy.ok || Object.keys(problems).length > 0)
      return refused(Object.fromEntries(Object.entries(problems).map(([field, message]) => [field, t("promotions.messages.cantCopy", { problem: message })])));
    await createPromotions(db, actor, [copy.value], now);
    return done(t("promotions.messages.duplicated"));
  }),
  archive_promotion: intent(onePromotion, async ({ id }, c) => {
    const { db, actor, now } = c;
    const { t } = c.l10n;
    const promotion = await findLive(c, id);
    if (!promotion) return refused({ id: t("promotions.errors.noSuchPromotion") });
    if (!mayManage(actor, promotion)) throw new ForbiddenError(t("promotions.errors.mayNotArchive"));
    const shopifyError = c.said(isShownInShopify(promotion) ? await removeFromShopify(db, await c.clientFor(), promotion) : null);
    await db.promotion.update({ where: { id }, data: { archivedAt: now, updatedAt: now } });
    return done(shopifyError ? t("promotions.messages.archivedNotTakenOff", { error: shopifyError }) : t("promotions.messages.archived"));
  }),
  restore_promotion: intent(onePromotion, async ({ id }, { db, actor, now, l10n: { t } }) => {
    const promotion = await db.promotion.findFirst({ where: { id, shop: actor.shop, archivedAt: { not: null } } });
    if (!promotion) return refused({ id: t("promotions.errors.notArchived") });
    if (!mayManage(actor, promotion)) throw new ForbiddenError(t("promotions.errors.mayNotRestore"));
    await db.promotion.update({ where: { id }, data: { archivedAt: null, updatedAt: now } });
    return done(isShownInShopify(promotion) ? t("promotions.messages.restoredShowAgain") : t("promotions.messages.restored"));
  }),
  show_in_shopify: intent(onePromotion, async ({ id }, c) => {
    const { db, actor, now } = c;
    const { t } = c.l10n;
    const promotion = await livePromotion(db, actor.shop, id);
    if (!promotion) return refused({ id: t("promotions.errors.noSuchPromotion") });
    if (!mayManage(actor, promotion)) throw new ForbiddenError(t("promotions.errors.mayNotShow"));
    // Its spend goes to Shopify day by day: dates logged before they were bounded are fixed first.
    const stored = parsePromotion(promotionFormValues(promotion));
    const dates = stored.ok ? null : (stored.errors.start ?? stored.errors.end);
    if (dates) return refused({ shopify: t("promotions.messages.editDatesFirst", { problem: dates }) });
    const { error, daysSent } = await showInShopify(db, await c.clientFor(), promotion, now, true);
    if (error) return refused({ shopify: c.said(error)! });
    return done(
      spendFits(promotion)
        ? t("promotions.messages.shown", { count: daysSent })
        : promotion.spend > 0n
          ? t("promotions.messages.shownNoUtm")
          : t("promotions.messages.shownNoSpend"),
    );
  }),
  remove_from_shopify: intent(onePromotion, async ({ id }, c) => {
    const { t } = c.l10n;
    const promotion = await findLive(c, id);
    if (!promotion) return refused({ id: t("promotions.errors.noSuchPromotion") });
    if (!mayManage(c.actor, promotion)) throw new ForbiddenError(t("promotions.errors.mayNotTakeOff"));
    const error = await removeFromShopify(c.db, await c.clientFor(), promotion);
    if (error) return refused({ shopify: c.said(error)! });
    return done(t("promotions.messages.takenOff"));
  }),
  review_promotion: intent(
    (c) => z.object({ id: promotionId(c), verdict: textField, learned: textField, nextStep: textField }),
    async ({ id, ...fields }, c) => {
      const { db, actor, now } = c;
      const { t } = c.l10n;
      requirePermission(actor, "log_promotions");
      const promotion = await findLive(c, id);
      if (!promotion) return refused({ id: t("promotions.errors.noSuchPromotion") });
      const errors: Record<string, string> = {};
      const verdict = fields.verdict ?? "";
      if (!isVerdict(verdict)) errors.verdict = t("promotions.errors.chooseVerdict");
      const learned = fields.learned?.trim() ?? "";
      if (!learned) errors.learned = t("promotions.errors.sayLearned");
      else if (learned.length > 2000) errors.learned = t("promotions.errors.tooLong");
      const nextStep = fields.nextStep?.trim() || null;
      if (nextStep && nextStep.length > 2000) errors.nextStep = t("promotions.errors.tooLong");
      const today = await shopToday(db, actor.shop, now);
      // Staff answer before they are judged (decision 032).
      const waits = hasEnded(promotion, today) ? await verdictWait(db, actor, promotion, today) : t("promotions.errors.notEnded");
      if (waits) errors.verdict = waits;
      if (Object.keys(errors).length > 0) return refused(errors);
      await db.promotion.update({
        where: { id },
        data: { verdict, learned, nextStep, reviewedBy: actor.userId, reviewedByName: actor.name, reviewedAt: now, updatedAt: now },
      });
      return done(t("promotions.messages.reviewSaved"));
    },
  ),
  self_review: intent(
    (c) => z.object({ id: promotionId(c), selfMoved: textField, selfLearned: textField, selfNext: textField }),
    async ({ id, ...fields }, { db, actor, now, l10n: { t } }) => {
      const saved = await saveSelfReview(db, actor, id, fields, now);
      return saved.ok ? done(t("team.selfReview.saved")) : refused(saved.errors);
    },
  ),
  add_note: intent(
    (c) => z.object({ id: promotionId(c), body: textField }),
    async ({ id, body: text }, c) => {
      const { db, actor, now } = c;
      const { t, locale } = c.l10n;
      requirePermission(actor, "log_promotions");
      if (!(await findLive(c, id))) return refused({ id: t("promotions.errors.noSuchPromotion") });
      const body = text?.trim() ?? "";
      if (!body) return refused({ body: t("promotions.errors.writeNote") });
      if (body.length > 2000) return refused({ body: t("promotions.errors.noteTooLong", { length: body.length.toLocaleString(locale) }) });
      await db.promotionNote.create({ data: { shop: actor.shop, promotionId: id, authorId: actor.userId, authorName: actor.name, body, createdAt: now } });
      return done(t("promotions.messages.noteAdded"));
    },
  ),
};

/** Runs one form action; a refused action throws ForbiddenError (the route answers 403). */
export async function promotionsAction(
  db: PrismaClient,
  actor: Actor,
  form: FormData,
  now: Date,
  clientFor: () => Promise<AdminClient>,
): Promise<IntentResponse<PromotionRefusal>> {
  const l10n = localizer(actor.locale);
  const { t } = l10n;
  const context: PromotionsContext = { db, actor, now, clientFor, l10n, said: (stored) => storedWords(stored, l10n) };
  const response = await runIntent(form, PROMOTION_INTENTS, context, (intent) =>
    intent ? t("promotions.errors.unknownAction", { intent, actions: Object.keys(PROMOTION_INTENTS).join(", ") }) : t("promotions.errors.noAction"),
  );
  const givenId = recordId(form);
  return response.body.ok || givenId === null ? response : { ...response, body: { ...response.body, id: givenId } };
}

/** Past promotions of a tactic shown beside it (the latest ones). */
const PAST_PER_TACTIC = 3;

/**
 * The playbook the promotion form offers: each indicator's tactics, each with this store's own past
 * promotions of it (the latest few) and what they did: attributed orders and revenue, and the
 * team's verdict and lesson once reviewed.
 */
async function playbookOffer(db: PrismaClient, shop: string, today: number, money: (value: bigint | null) => string, l10n: Localizer) {
  const playbook = await storePlaybook(db, shop);
  // The latest few of each tactic, a query each: a store's thousands of promotions are never all read here.
  const byTactic = new Map(
    await Promise.all(
      playbook.map(
        async (tactic) =>
          [
            tactic.key,
            await db.promotion.findMany({
              where: { shop, archivedAt: null, tactic: tactic.key },
              orderBy: [{ start: "desc" }, { id: "desc" }],
              take: PAST_PER_TACTIC,
            }),
          ] as const,
      ),
    ),
  );
  const shown = [...byTactic.values()].flat();
  const [attributed, spends] = await Promise.all([attributedOrdersOf(db, shop, shown), promotionSpends(db, shop, shown)]);
  const results = new Map(
    shown.map((promotion) => [promotion.id, resultsOf(attributed.get(promotion.id) ?? [], spends.get(promotion.id) ?? promotion.spend)] as const),
  );
  return playbook.map((tactic) => ({
    ...tactic,
    past: (byTactic.get(tactic.key) ?? []).map((promotion) => {
      const result = results.get(promotion.id)!;
      const status = promotionStatus(promotion, today);
      return {
        id: promotion.id,
        title: promotion.title,
        dates: formatDateRange(promotion.start, promotion.end, l10n.locale),
        status: statusLabel(status, l10n),
        orders: result.attributedOrders,
        revenue: money(result.attributedRevenue),
        verdict: promotion.verdict ? verdictLabel(promotion.verdict, l10n) : null,
        learned: promotion.learned,
      };
    }),
  }));
}
