/**
 * The team's changes as the history says them (pure): a member's stage changed, and each step of a
 * proposal (proposed, withdrawn, approved, returned), from what StrategyChange keeps of them.
 */
import type { Localizer } from "~/i18n/localizer";
import { isReportedIndicatorKey } from "~/indicators/definitions";
import { formatDateRange } from "~/lib/dates";
import { isStage } from "./stages";

interface Change {
  entity: string;
  action: string;
  before: string | null;
  after: string | null;
}

const read = (text: string | null) => (text ? (JSON.parse(text) as Record<string, unknown>) : {});

/** The change in words, or null when it isn't the team's (roles are said by the Targets page as before). */
export function teamChangeWords(change: Change, { t, locale }: Pick<Localizer, "t" | "locale">): string | null {
  const before = read(change.before);
  const after = read(change.after);
  const stage = (value: unknown) => (isStage(value) ? t(`team.stages.${value}`) : String(value ?? ""));
  if (change.entity === "staff" && change.action === "stage_changed")
    return t("team.history.stageChanged", { name: String(after.name ?? ""), stage: stage(after.stage), was: stage(before.stage) });
  if (change.entity !== "proposal") return null;
  const indicator = String(after.indicator ?? "");
  const label = isReportedIndicatorKey(indicator) ? t(`indicators.${indicator}.label`) : indicator;
  const what =
    after.kind === "tactic"
      ? t("team.history.tactic", { title: String(after.title ?? "") })
      : typeof after.from === "string" && typeof after.to === "string"
        ? t("team.history.targetDates", { indicator: label, range: formatDateRange(after.from, after.to, locale) })
        : t("team.history.target", { indicator: label });
  const words = { name: String(after.name ?? ""), what };
  switch (change.action) {
    case "proposed":
      return t("team.history.proposed", words);
    case "withdrawn":
      return t("team.history.withdrawn", words);
    case "approved":
      return t("team.history.approved", words);
    default:
      return t("team.history.returned", { ...words, comment: String(after.comment ?? "") });
  }
}
