/**
 * The weekly review (ISO week, shop time zone): the week's figures against the same days of the week
 * before, every target's status with who acts on it, the promotions running or ended that week with
 * their results for the week and to date, and three lists — off-track indicators nobody is acting
 * on, actions without an indicator, promotions awaiting review. Everything is as it stood at the end
 * of the week's last counted day (week-facts.server.ts). The owner or a strategist signs the week off
 * with comments; its facts are then kept, and the page is read from them in each reader's words.
 */
import type { PrismaClient } from "@prisma/client";
import { formatDay, parseDay, readDay, weekStart } from "~/lib/calendar";
import { formatDate, formatDateRange, isoDateTime } from "~/lib/dates";
import { timeZone } from "@throughline/shopify-common/time-zone";
import { can } from "~/staff/roles";
import { requirePermission, type Actor } from "~/staff/staff.server";
import { localizer, type Localizer } from "~/i18n/localizer";
import { currentLocalizer } from "~/i18n/scope";
import { weekFacts } from "./week-facts.server";
import { readSnapshot, snapshotView, type PeriodView, type Snapshot, type WeekView } from "./week-view";

/**
 * The Monday of the week `?week=` names (any day of it), or of the last week that has ended: the
 * one a team reviews (this week so far is a link away).
 */
export function chosenWeek(param: string | null, today: number): { start: number; error: string | null; problem: string | null } {
  const { t } = currentLocalizer();
  const lastWeek = weekStart(today) - 7;
  if (param === null || param === "") return { start: lastWeek, error: null, problem: null };
  const day = readDay(param, "week");
  if ("day" in day) return { start: weekStart(day.day), error: null, problem: null };
  const problem = parseDay(param) === null ? t("review.notADate", { given: param.slice(0, 40) }) : day.error;
  return { start: lastWeek, error: t("review.showingLastWeek", { problem }), problem };
}

export interface SignOff {
  by: string;
  at: string;
  comments: string | null;
}

/** A week's review as its page shows it: the signed-off snapshot once there is one, else the week as it stands. */
export async function reviewOfWeek(db: PrismaClient, shop: string, start: number, today: number): Promise<{ snapshot: Snapshot; signOff: SignOff | null }> {
  const signed = await db.weeklyReview.findUnique({ where: { shop_weekStart: { shop, weekStart: formatDay(start) } } });
  if (signed)
    return {
      snapshot: readSnapshot(signed.snapshot),
      signOff: { by: signed.signedOffByName, at: signed.signedOffAt.toISOString(), comments: signed.comments },
    };
  return { snapshot: { facts: await weekFacts(db, shop, start, today) }, signOff: null };
}

export async function weeklyReviewPage(db: PrismaClient, actor: Actor, params: URLSearchParams, now: Date) {
  const l10n = localizer(actor.locale);
  const record = await db.shop.findUniqueOrThrow({ where: { shop: actor.shop }, select: { ianaTimezone: true } });
  const today = timeZone(record.ianaTimezone).localDay(now.getTime());
  const week = chosenWeek(params.get("week"), today);
  const { snapshot, signOff } = await reviewOfWeek(db, actor.shop, week.start, today);
  const content = snapshotView(snapshot, l10n);
  return {
    error: week.error,
    /** What is wrong with the week asked for, without what the page shows instead (the CSV refuses it). */
    problem: week.problem,
    content,
    /** Which days the figures are, in words. */
    subtitle: figuresWords(content, { underWay: weekStart(today) === week.start, signed: signOff !== null, zone: record.ianaTimezone }, l10n),
    previousWeek: formatDay(week.start - 7),
    nextWeek: week.start + 7 <= today ? formatDay(week.start + 7) : null,
    /** The next week is the one under way. */
    nextIsThisWeek: week.start + 7 === weekStart(today),
    signOff,
    canSignOff: can(actor.role, "sign_off_review") && !signOff && weekEnded(week.start, today),
    /** The first day the week can be signed off (the Monday after it), while it is still under way. */
    signOffFrom: weekEnded(week.start, today) ? null : formatDay(week.start + 7),
    timeZone: record.ianaTimezone,
  };
}

/** Which days a week's figures are: the whole week as it stood at its end, or the days of it that have ended. */
export function figuresWords(content: WeekView, week: { underWay: boolean; signed: boolean; zone: string }, { t, locale }: Localizer): string {
  const { zone } = week;
  if (content.recordedInWords) return t("review.asOfSigned", { day: formatDate(content.recordedInWords.asOf, locale), zone });
  if (content.through === null) return t("review.nothingEnded", { zone });
  const range = formatDateRange(content.weekStart, content.through, locale);
  if (week.underWay) return t("review.soFar", { range, zone });
  return t(week.signed ? "review.weekFiguresSigned" : "review.weekFigures", { range, zone });
}

/** Whether the week starting on `start` is over on `today` (its Sunday has ended in the shop's time zone). */
const weekEnded = (start: number, today: number) => start + 6 < today;

/**
 * Signs the week off once it has ended (a week signed mid-way would be frozen with days still to
 * come): its facts as they stood at its end become the week's record, in no one's words (each reader
 * reads it in theirs). Returns a field error, or null.
 */
export async function signOffWeek(
  db: PrismaClient,
  actor: Actor,
  week: string | null,
  comments: string | null,
  now: Date,
): Promise<Record<string, string> | null> {
  requirePermission(actor, "sign_off_review");
  const record = await db.shop.findUniqueOrThrow({ where: { shop: actor.shop }, select: { ianaTimezone: true } });
  const today = timeZone(record.ianaTimezone).localDay(now.getTime());
  const chosen = chosenWeek(week, today);
  if (chosen.error) return { week: chosen.error };
  const l10n = localizer(actor.locale);
  const { t } = l10n;
  if (!weekEnded(chosen.start, today)) return { week: t("review.errors.notEnded", { day: formatDay(chosen.start + 7) }) };
  const text = comments?.trim() || null;
  if (text && text.length > 5000) return { comments: t("review.errors.commentsTooLong", { length: text.length.toLocaleString(l10n.locale) }) };
  const weekStartText = formatDay(chosen.start);
  if (await db.weeklyReview.findUnique({ where: { shop_weekStart: { shop: actor.shop, weekStart: weekStartText } } }))
    return { week: t("review.errors.alreadySigned") };
  const facts = await weekFacts(db, actor.shop, chosen.start, today);
  await db.weeklyReview.create({
    data: {
      shop: actor.shop,
      weekStart: weekStartText,
      signedOffBy: actor.userId,
      signedOffByName: actor.name,
      signedOffAt: now,
      comments: text,
      snapshot: JSON.stringify(facts),
    },
  });
  return null;
}

/** The week as CSV rows (section, item, status, detail), ending with its sign-off and comments once signed, in the localizer's language. */
export function weekCsvRows(content: WeekView, signOff: SignOff | null, zone: string, { t, locale }: Localizer = currentLocalizer()): string[][] {
  // A list cut to its first MAX_REVIEW_PROMOTIONS ends with how many more there are.
  const moreRow = (section: string, more: number, words: "more" | "moreItems" = "moreItems") =>
    more ? [[section, t(`exports.review.${words}`, { count: more.toLocaleString(locale) }), "", t("exports.review.listedElsewhere")]] : [];
  const figures = (key: "week" | "toDate", results: PeriodView) =>
    t(`exports.review.${key}`, {
      from: results.from,
      to: results.to,
      orders: results.orders,
      revenue: results.revenue,
      spend: results.spend,
      roas: results.roas,
      lift: results.lift.length > 0 ? ` ${results.lift.join(" ")}` : "",
    });
  const signed = signOff
    ? [
        [
          t("exports.review.signOff"),
          t("exports.review.signedOffBy", { name: signOff.by }),
          t("exports.review.signedOff"),
          `${isoDateTime(signOff.at, zone)}${signOff.comments ? `: ${signOff.comments}` : ""}`,
        ],
      ]
    : [[t("exports.review.signOff"), t("exports.review.notSigned"), t("exports.review.open"), ""]];
  return [
    [t("exports.review.section"), t("exports.review.item"), t("exports.review.status"), t("exports.review.detail")],
    ...(content.through === null ? [] : (content.indicators ?? [])).map((indicator) => [
      t("exports.review.figure"),
      indicator.label,
      indicator.change ?? "",
      t("exports.review.figureDetail", {
        value: indicator.display,
        range: `${content.weekStart} – ${content.through}`,
        against: content.comparedWith
          ? t("review.against", { range: `${content.comparedWith.from} – ${content.comparedWith.to}`, value: indicator.previous })
          : t("review.weekBefore", { value: indicator.previous }),
      }),
    ]),
    ...content.targets.map((target) => [
      t("exports.review.target"),
      `${target.title} (${target.period})`,
      target.statusLabel,
      target.acting.length === 0
        ? target.figures
        : `${target.figures}; ${t("exports.review.acting", {
            actions: [
              ...target.acting,
              ...(target.moreActing ? [t("exports.review.moreItems", { count: target.moreActing.toLocaleString(locale) })] : []),
            ].join("; "),
          })}`,
    ]),
    ...content.promotions.map((promotion) => [
      t("exports.review.promotion"),
      `${promotion.title} (${promotion.start} – ${promotion.end})`,
      promotion.status,
      promotion.recorded
        ? t("exports.review.promotionDetail", { indicator: promotion.indicator ?? t("exports.review.noIndicator"), ...promotion.recorded })
        : t("exports.review.withIndicator", {
            indicator: promotion.indicator ?? t("exports.review.noIndicator"),
            figures: [
              promotion.week ? figures("week", promotion.week) : t("exports.review.noDayYet"),
              ...(promotion.toDate ? [figures("toDate", promotion.toDate)] : []),
            ].join(" "),
          }),
    ]),
    ...moreRow(t("exports.review.promotion"), content.morePromotions, "more"),
    ...content.offTrackWithoutAction.map((item) => [t("exports.review.offTrack"), item.title, item.statusLabel, ""]),
    ...content.goalFlags.map((flag) => [t("goalOutcome.flags.csvSection"), flag.goal, "", flag.words]),
    ...content.actionsWithoutIndicator.map((item) => [t("exports.review.withoutIndicator"), item.title, "", `${item.start} – ${item.end}`]),
    ...moreRow(t("exports.review.withoutIndicator"), content.moreWithoutIndicator),
    ...content.awaitingReview.map((item) => [
      t("exports.review.awaiting"),
      item.title,
      item.overdue ? t("exports.review.overdue") : t("exports.review.due"),
      t("exports.review.ended", { day: item.end }),
    ]),
    ...moreRow(t("exports.review.awaiting"), content.moreAwaitingReview),
    ...signed,
  ];
}
