/**
 * The Monday brief in one reader's words (pure): the week's figures against the week before, its
 * targets, the targets at risk nobody acts on, the promotions waiting for their runner's answer (in a
 * person's email, theirs first: "yours to answer") or the verdict, the spend no promotion explains,
 * the goal flags, and the link into the review. Plain text throughout: the email (email.tsx) and the
 * Slack message (slack.ts) each escape it for what they are.
 */
import { formatValue } from "~/indicators/format";
import type { Localizer } from "~/i18n/localizer";
import { formatDate, formatDateRange } from "~/lib/dates";
import { snapshotView } from "~/review/week-view";
import type { AwaitingPromotion, BriefFacts } from "./brief-facts.server";

/** Who a brief is for: one person by email, or the shop's Slack channel. */
export type BriefAudience = { channel: "email"; userId: string; name: string } | { channel: "slack" };

/** A line of a list; `mark` is said before it, stressed ("Yours to answer"). */
export interface BriefItem {
  text: string;
  mark?: string;
  detail?: string;
}

export interface BriefSection {
  id: "targets" | "off_track" | "self_review" | "verdict" | "spend" | "goal_flags";
  heading: string;
  items: BriefItem[];
  /** Said instead of the items when there are none. */
  empty: string;
  /** "… and 3 more in the review", when the list was cut. */
  more: string | null;
}

export interface BriefFigure {
  label: string;
  value: string;
  /** "+12.5% against €1,100.00", or the week before's value alone when no change can be said. */
  against: string;
  tone: "success" | "critical" | undefined;
}

export interface BriefWords {
  language: string;
  subject: string;
  title: string;
  period: string;
  greeting: string | null;
  intro: string;
  figures: { heading: string; rows: BriefFigure[]; note: string };
  sections: BriefSection[];
  review: { label: string; url: string };
  /** Why a person gets it, and the unsubscribe link's words (an email's footer). */
  reason: string | null;
  unsubscribe: string | null;
}

/** Each list is cut here; the review has the rest. */
export const BRIEF_LIST_MOST = 10;

export function briefWords(facts: BriefFacts, audience: BriefAudience, l10n: Localizer): BriefWords {
  const { t, locale } = l10n;
  const view = snapshotView(facts.review, l10n);
  const range = formatDateRange(facts.weekStart, facts.weekEnd, locale);
  const shop = facts.shopName;
  const cut = (items: BriefItem[]) => ({ items: items.slice(0, BRIEF_LIST_MOST), more: more(items.length - BRIEF_LIST_MOST, l10n) });
  const person = audience.channel === "email" ? audience : null;

  const selfReview = [...facts.awaitingSelfReview]
    // A person's own promotions first: theirs to answer.
    .sort((a, b) => Number(b.ranBy === person?.userId) - Number(a.ranBy === person?.userId))
    .map((promotion): BriefItem => {
      const text = t("brief.selfReview.item", { title: promotion.title, day: formatDate(promotion.end, locale) });
      if (promotion.ranBy === person?.userId) return { text, mark: t("brief.selfReview.yours") };
      return { text, detail: promotion.ranByName ? t("brief.selfReview.theirs", { name: promotion.ranByName }) : t("brief.selfReview.nobodyNamed") };
    });
  const verdict = facts.awaitingVerdict.map((promotion: AwaitingPromotion): BriefItem => ({
    text: t("brief.verdict.item", { title: promotion.title, day: formatDate(promotion.end, locale) }),
    detail: promotion.ranByName ? t("brief.verdict.answeredBy", { name: promotion.ranByName }) : undefined,
  }));
  const weekFacts = "facts" in facts.review ? facts.review.facts : null;
  const spend = weekFacts
    ? (weekFacts.unexplainedSpend ?? []).map((row) => ({
        text: t("brief.spend.item", {
          amount: formatValue("money", row.spend, weekFacts.currency, locale),
          platform: t(`costs.ads.platforms.${row.platform}`, row.platform),
          count: row.campaigns,
        }),
      }))
    : [];

  return {
    language: l10n.language,
    subject: t("brief.subject", { shop, range }),
    title: t("brief.title", { shop }),
    period: t("brief.period", { range, zone: facts.zone }),
    greeting: person ? t("brief.greeting", { name: person.name }) : null,
    intro: t(person ? "brief.intro" : "brief.introChannel"),
    figures: {
      heading: t("brief.figures.heading"),
      rows: (view.through === null ? [] : (view.indicators ?? [])).map((indicator) => ({
        label: indicator.label,
        value: indicator.display,
        against: indicator.change
          ? t("brief.figures.against", { change: indicator.change, previous: indicator.previous })
          : t("brief.figures.before", { previous: indicator.previous }),
        tone: indicator.tone,
      })),
      note: view.comparedWith
        ? t("brief.figures.note", { range: formatDateRange(view.comparedWith.from, view.comparedWith.to, locale) })
        : t("brief.figures.none"),
    },
    sections: [
      {
        id: "targets",
        heading: t("brief.targets.heading"),
        ...cut(view.targets.map((target) => ({ text: t("brief.targets.item", { title: target.title, status: target.statusLabel }), detail: target.figures }))),
        empty: t("brief.targets.empty"),
      },
      {
        id: "off_track",
        heading: t("brief.offTrack.heading"),
        ...cut(view.offTrackWithoutAction.map((target) => ({ text: t("brief.targets.item", { title: target.title, status: target.statusLabel }) }))),
        empty: t("brief.offTrack.empty"),
      },
      { id: "self_review", heading: t("brief.selfReview.heading"), ...cut(selfReview), empty: t("brief.selfReview.empty") },
      { id: "verdict", heading: t("brief.verdict.heading"), ...cut(verdict), empty: t("brief.verdict.empty") },
      { id: "spend", heading: t("brief.spend.heading"), ...cut(spend), empty: t("brief.spend.empty") },
      {
        id: "goal_flags",
        heading: t("brief.goalFlags.heading"),
        ...cut(view.goalFlags.map((flag) => ({ text: flag.words }))),
        empty: t("brief.goalFlags.empty"),
      },
    ],
    review: { label: t("brief.openReview"), url: facts.reviewUrl },
    reason: person ? t("brief.reason", { shop }) : null,
    unsubscribe: person ? t("brief.unsubscribe") : null,
  };
}

function more(count: number, { t }: Localizer): string | null {
  return count > 0 ? t("brief.more", { count }) : null;
}
