/** A goal's outcome in a reader's words (pure): its name, and the choices the goal forms offer. */
import { isReportedIndicatorKey } from "~/indicators/definitions";
import type { Localizer } from "~/i18n/localizer";
import { GOAL_OUTCOMES, type GoalOutcome } from "./goal-bridge";

/** The outcome's name as a label ("Net profit", "Repeat customers", any indicator's). */
export function outcomeLabel(outcome: string, { t }: Pick<Localizer, "t">): string {
  if (outcome === "repeat_customers") return t("goalOutcome.repeatCustomers");
  return isReportedIndicatorKey(outcome) ? t(`indicators.${outcome}.label`) : outcome;
}

/** What the goal forms offer: the outcomes split into parts first, then every other indicator. */
export function outcomeChoices(l10n: Pick<Localizer, "t">): { value: GoalOutcome; label: string }[] {
  return GOAL_OUTCOMES.map((outcome) => ({ value: outcome, label: outcomeLabel(outcome, l10n) }));
}
