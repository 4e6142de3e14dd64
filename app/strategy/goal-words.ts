/**
 * A goal's outcome in a reader's words (pure): its name, the choices the goal forms offer, the
 * outcome beside its targets with its bridge, and the flags of targets on track that work against
 * it, said from their facts (what a signed-off week keeps) so each reader reads them in their own
 * language.
 */
import { formatMoney, MONEY_SCALE, moneyToNumber, parseMoney, type Money } from "@throughline/shopify-common/money";
import { describeChange, formatValue, type ExactAmount, type Tone } from "~/indicators/format";
import { isReportedIndicatorKey, REPORTED_INDICATORS, type ReportedIndicatorKey } from "~/indicators/definitions";
import type { Exact } from "~/indicators/profit";
import type { Localizer } from "~/i18n/localizer";
import { formatDate, formatDateRange } from "~/lib/dates";
import { numberFormat } from "~/lib/intl";
import { COUNT_SCALE, GOAL_OUTCOMES, PART_KINDS, type BridgedOutcome, type BridgePart, type GoalFlag, type GoalOutcome, type GoalReading } from "./goal-bridge";

/** The outcome's name as a label ("Net profit", "Repeat customers", any indicator's). */
export function outcomeLabel(outcome: string, { t }: Pick<Localizer, "t">): string {
  if (outcome === "repeat_customers") return t("goalOutcome.repeatCustomers");
  return isReportedIndicatorKey(outcome) ? t(`indicators.${outcome}.label`) : outcome;
}

/** The outcome's name inside a sentence ("cost more net profit than it added"). */
function outcomeInSentence(outcome: BridgedOutcome, { t }: Pick<Localizer, "t">): string {
  return t(`goalOutcome.inSentence.${outcome}`);
}

/** What the goal forms offer: the outcomes split into parts first, then every other indicator. */
export function outcomeChoices(l10n: Pick<Localizer, "t">): { value: GoalOutcome; label: string }[] {
  return GOAL_OUTCOMES.map((outcome) => ({ value: outcome, label: outcomeLabel(outcome, l10n) }));
}

/**
 * An amount of a bridged outcome, signed ("+€1,234.56", "−€80.00", "−2.5"): money in the shop's
 * currency, repeat customers to a tenth (a part of a count may be a fraction of a customer).
 */
export function outcomeAmount(outcome: BridgedOutcome, amount: bigint, currency: string, locale: string): string {
  const sign = amount < 0n ? "−" : "+";
  const magnitude = amount < 0n ? -amount : amount;
  if (outcome === "repeat_customers") return `${sign}${numberFormat(locale, { maximumFractionDigits: 1 }).format(Number(magnitude) / Number(COUNT_SCALE))}`;
  return `${sign}${formatValue("money", formatMoney(magnitude as Money, 4) as ExactAmount, currency, locale)}`;
}

/** A flag as kept (a signed-off week's facts): amounts exact, in the outcome's units (money, or 1/10,000 of a customer). */
export interface GoalFlagFacts {
  goalId: number;
  goal: string;
  outcome: BridgedOutcome;
  targetId: number;
  indicator: string;
  status: "on_track" | "met";
  lines: { part: BridgePart; effect: ExactAmount }[];
  part: ExactAmount;
  tradeOff: BridgePart | null;
}

const exactText = (amount: bigint) => formatMoney(amount, 4) as ExactAmount;
/** Back from the kept text to the outcome's units. */
const unitsOf = (text: ExactAmount): bigint => parseMoney(text);

export function flagFacts(goal: { id: number; name: string }, outcome: BridgedOutcome, flag: GoalFlag): GoalFlagFacts {
  return {
    goalId: goal.id,
    goal: goal.name,
    outcome,
    targetId: flag.targetId,
    indicator: flag.indicator,
    status: flag.status,
    lines: flag.lines.map((line) => ({ part: line.part, effect: exactText(line.effect) })),
    part: exactText(flag.part),
    tradeOff: flag.tradeOff,
  };
}

/** The flag's amount as a number (`--json`: money to the cent, repeat customers to the hundredth). */
export const flagPartNumber = (facts: GoalFlagFacts) => moneyToNumber(unitsOf(facts.part));

/**
 * A flag in words: "Average order value is on track, but the discounts that raised it cost more net
 * profit than it added (average order value +€1,200.00; margin −€1,900.00)." when its own line
 * helped and another took more, else "… is on track, but its part of net profit went the wrong way:
 * −€1,234.56."
 */
export function flagWords(facts: GoalFlagFacts, currency: string, l10n: Localizer): string {
  const { t, locale } = l10n;
  const amount = (text: ExactAmount) => outcomeAmount(facts.outcome, unitsOf(text), currency, locale);
  const indicator = isReportedIndicatorKey(facts.indicator) ? t(`indicators.${facts.indicator}.label`) : facts.indicator;
  const lead = t(`goalOutcome.flags.lead.${facts.status}`, { indicator });
  const outcome = outcomeInSentence(facts.outcome, l10n);
  if (facts.tradeOff === null) return t("goalOutcome.flags.wrongWay", { lead, outcome, amount: amount(facts.part) });
  const lines = facts.lines
    .map((line) => t("goalOutcome.flags.line", { part: t(`goalOutcome.partNames.${line.part}`), amount: amount(line.effect) }))
    .join(t("goalOutcome.flags.separator"));
  if (facts.tradeOff === "margin" || facts.tradeOff === "marketing") return t(`goalOutcome.flags.tradeOff.${facts.tradeOff}`, { lead, outcome, lines });
  return t("goalOutcome.flags.tradeOff.other", { lead, outcome, lines, part: t(`goalOutcome.partNames.${facts.tradeOff}`) });
}

/** One line of a goal's bridge as its table shows it: the part's own figure in both periods and what it moved the outcome by. */
export interface BridgeRowView {
  /** A part, or "total": the outcome itself, with its change. */
  part: BridgePart | "total";
  label: string;
  previous: string;
  current: string;
  effect: string;
  tone: Tone;
  /** |effect| against the largest part's, for the bar. */
  share: number;
}

/** A goal's outcome beside its targets: the outcome so far against the days before, its bridge, and the flags of its targets. */
export interface GoalOutcomeView {
  outcome: string;
  label: string;
  /** The outcome over the goal's days so far against the days before, in a sentence (null before its first day has ended). */
  summary: string | null;
  /** Why there is no bridge: the goal hasn't started, or its outcome isn't split into parts. */
  note: string | null;
  bridge: { title: string; caption: string; previousLabel: string; periodLabel: string; rows: BridgeRowView[] } | null;
  /** Its targets on track whose part went against it, in words. */
  flags: string[];
}

const magnitude = (value: bigint) => (value < 0n ? -value : value);
const numberOf = (value: Exact) => Number(value.num) / Number(value.den);

/** A part's own figure in a period: orders and customers counted, AOV and costs in money, shares as percentages. */
function partFigure(part: BridgePart, value: Exact | null, currency: string, locale: string): string {
  const kind = PART_KINDS[part];
  if (value === null || kind === null) return "—";
  return formatValue(kind, kind === "money" ? numberOf(value) / Number(MONEY_SCALE) : numberOf(value), currency, locale);
}

/** The goal's outcome and its parts, in the reader's words. */
export function goalOutcomeView(reading: GoalReading, flags: readonly GoalFlagFacts[], currency: string, l10n: Localizer): GoalOutcomeView {
  const { t, locale } = l10n;
  const { goal, days, bridge, values } = reading;
  const label = outcomeLabel(goal.outcome, l10n);
  const base = { outcome: goal.outcome, label, flags: flags.filter((flag) => flag.goalId === goal.id).map((flag) => flagWords(flag, currency, l10n)) };
  if (!days) return { ...base, summary: null, note: t("goalOutcome.notStarted", { day: formatDate(goal.from, locale) }), bridge: null };
  const definition = bridge ? null : REPORTED_INDICATORS[goal.outcome as ReportedIndicatorKey];
  const kind = definition?.kind ?? (bridge!.outcome === "repeat_customers" ? "count" : "money");
  // A bridged outcome is exact (money shown from its money units); another indicator as `--json` gives it.
  const scale = bridge?.outcome === "repeat_customers" ? COUNT_SCALE : MONEY_SCALE;
  const [before, after] = bridge ? [Number(bridge.before) / Number(scale), Number(bridge.after) / Number(scale)] : [values!.before, values!.after];
  const shownOf = (value: number | null, exactValue: bigint | undefined) =>
    kind === "money" && exactValue !== undefined
      ? formatValue("money", formatMoney(exactValue, 4) as ExactAmount, currency, locale)
      : formatValue(kind, value, currency, locale);
  const [shownBefore, shownAfter] = [shownOf(before, bridge?.before), shownOf(after, bridge?.after)];
  const change = describeChange(kind, before, after, definition?.higherIsBetter ?? true, locale).text;
  const words = {
    outcome: label,
    range: formatDateRange(days.period.from, days.period.to, locale),
    before: shownBefore,
    after: shownAfter,
    count: days.previous.to - days.previous.from + 1,
  };
  const summary = change ? t("goalOutcome.summaryChange", { ...words, change }) : t("goalOutcome.summary", words);
  if (!bridge) return { ...base, summary, note: t("goalOutcome.noBridge", { outcome: label }), bridge: null };
  const largest = bridge.lines.reduce((most, line) => (magnitude(line.effect) > most ? magnitude(line.effect) : most), 0n);
  // Less than half a cent (a twentieth of a customer) either way is no news.
  const noise = bridge.outcome === "repeat_customers" ? 500n : 50n;
  const effectOf = (effect: bigint) => ({
    effect: outcomeAmount(bridge.outcome, effect, currency, locale),
    tone: (magnitude(effect) < noise ? undefined : effect > 0n ? "success" : "critical") as Tone,
  });
  const rows: BridgeRowView[] = bridge.lines.map((line) => ({
    part: line.part,
    label: t(`goalOutcome.parts.${line.part}`),
    previous: partFigure(line.part, line.before, currency, locale),
    current: partFigure(line.part, line.after, currency, locale),
    ...effectOf(line.effect),
    share: largest === 0n ? 0 : Number((magnitude(line.effect) * 1000n) / largest) / 1000,
  }));
  rows.push({ part: "total", label, previous: shownBefore, current: shownAfter, ...effectOf(bridge.change), share: 0 });
  const inSentence = outcomeInSentence(bridge.outcome, l10n);
  return {
    ...base,
    summary,
    note: null,
    bridge: {
      title: t("goalOutcome.bridgeTitle", { outcome: label }),
      caption: t("goalOutcome.caption", { outcome: inSentence }),
      previousLabel: formatDateRange(days.previous.from, days.previous.to, locale),
      periodLabel: formatDateRange(days.period.from, days.period.to, locale),
      rows,
    },
  };
}
