/**
 * A proposal as the Team page shows it (pure): what it proposes in the reader's words (a tactic's
 * title and how it runs, a target as its card would title it, with its dates), where it stands, and
 * who decided with what comment.
 */
import type { Proposal } from "@prisma/client";
import type { Localizer } from "~/i18n/localizer";
import { isIndicatorKey, REPORTED_INDICATORS } from "~/indicators/definitions";
import { formatValue } from "~/indicators/format";
import { formatDate, formatDateRange } from "~/lib/dates";
import { promotionTypeLabel } from "~/promotions/promotion-types";
import { parseTarget, targetNumber } from "~/strategy/target-input";
import { timeZone } from "@throughline/shopify-common/time-zone";

const STATUSES = ["pending", "approved", "returned", "withdrawn"] as const;
type Status = (typeof STATUSES)[number];
const statusOf = (status: string): Status => ((STATUSES as readonly string[]).includes(status) ? (status as Status) : "pending");

/** The proposal in words: `what` names it, `details` says the rest. */
export function proposalView(proposal: Proposal, currency: string, zone: string, l10n: Pick<Localizer, "t" | "locale">) {
  const { t, locale } = l10n;
  const fields = JSON.parse(proposal.payload) as Record<string, string>;
  const indicator = (key: string | undefined) => (key && isIndicatorKey(key) ? t(`indicators.${key}.label`) : (key ?? ""));
  const day = (at: Date) => formatDate(timeZone(zone).localDay(at.getTime()), locale);
  let what: string;
  let details: string;
  if (proposal.kind === "tactic") {
    what = t("team.proposals.tactic", { title: fields.title ?? "" });
    details = t("team.proposals.tacticDetails", {
      indicator: indicator(fields.indicator),
      type: promotionTypeLabel(fields.type ?? "", t),
      how: fields.how ?? "",
      hypothesis: fields.hypothesis ?? "",
    });
  } else {
    const parsed = parseTarget({ ...fields, ratioAs: "percent" });
    if (parsed.ok) {
      const { indicator: key, value, direction, from, to } = parsed.value;
      const shown = formatValue(REPORTED_INDICATORS[key].kind, targetNumber(key, value), currency, locale);
      const target = t(direction === "at_least" ? "targets.card.atLeast" : "targets.card.atMost", { indicator: indicator(key), value: shown });
      what = t("team.proposals.target", { target, range: formatDateRange(from, to, locale) });
    } else what = t("team.proposals.target", { target: indicator(fields.indicator), range: fields.from ?? "" });
    details = "";
  }
  const status = statusOf(proposal.status);
  return {
    id: proposal.id,
    kind: proposal.kind,
    what,
    details,
    by: t("team.proposals.by", { name: proposal.proposedByName, date: day(proposal.proposedAt) }),
    proposedBy: proposal.proposedBy,
    proposedByName: proposal.proposedByName,
    status,
    statusLabel: t(`team.proposals.status.${status}`),
    comment: proposal.comment && proposal.decidedByName ? t("team.proposals.comment", { name: proposal.decidedByName, comment: proposal.comment }) : null,
  };
}

export type ProposalView = ReturnType<typeof proposalView>;
