/**
 * From imitation to creation (pure): a Staff member's stage says how far their promotions may go
 * from the playbook. At "follow" a promotion follows a tactic as the playbook has it (its type,
 * indicator and hypothesis); at "adapt" it follows a tactic and may change its type and hypothesis,
 * never its indicator; at "create" it may be anything, and its member may propose tactics and
 * targets. Owners and strategists act beyond any stage. The server holds every path that creates or
 * changes a promotion to these rules (app/promotions/stage-check.server.ts); decision 032.
 */
import { currentLocalizer } from "~/i18n/scope";
import { isIndicatorKey } from "~/indicators/definitions";
import { promotionTypeLabel } from "~/promotions/promotion-types";
import type { Role } from "./roles";

export const STAGES = ["follow", "adapt", "create"] as const;
export type Stage = (typeof STAGES)[number];
export const isStage = (value: unknown): value is Stage => (STAGES as readonly unknown[]).includes(value);

/** How a promotion used its tactic: as the playbook has it, or with its parameters changed. */
export type TacticUse = "followed" | "adapted";

/** The stage that limits a member: none for owners and strategists; a stored value nobody knows reads as the first stage. */
export function limitingStage(role: Role, stage: string): Stage | null {
  if (role !== "staff") return null;
  return isStage(stage) ? stage : "follow";
}

/** The earlier of two stages (null, beyond any stage, is the latest). */
export function earlierStage(a: Stage | null, b: Stage | null): Stage | null {
  if (a === null) return b;
  if (b === null) return a;
  return STAGES.indexOf(a) <= STAGES.indexOf(b) ? a : b;
}

/** A playbook tactic's parameters as a promotion keeps them; `hypotheses` holds every wording of its hypothesis (a built-in one's in each language). */
export interface TacticParameters {
  key: string;
  indicator: string;
  type: string;
  hypotheses: string[];
}

/** The fields of a promotion a stage looks at. */
export interface StagedPromotion {
  tactic: string | null;
  type: string;
  indicator: string | null;
  hypothesis: string | null;
}

const sameText = (a: string | null, b: string) => (a ?? "").trim().replace(/\s+/g, " ") === b.trim().replace(/\s+/g, " ");

/** Which of the tactic's parameters the promotion changed. */
function changed(promotion: StagedPromotion, tactic: TacticParameters) {
  return {
    type: promotion.type !== tactic.type,
    indicator: promotion.indicator !== tactic.indicator,
    hypothesis: !tactic.hypotheses.some((hypothesis) => sameText(promotion.hypothesis, hypothesis)),
  };
}

/** How the promotion uses its tactic: null without one, "adapted" when its type, indicator or hypothesis differs from the playbook's. */
export function tacticUse(promotion: StagedPromotion, tactic: TacticParameters | null): TacticUse | null {
  if (promotion.tactic === null || tactic === null) return null;
  return Object.values(changed(promotion, tactic)).some(Boolean) ? "adapted" : "followed";
}

export type StageRefusals = Partial<Record<"tactic" | "type" | "indicator" | "hypothesis", string>>;

/**
 * What the stage refuses in the promotion, field by field, in the work's language: `who` is the
 * member whose stage it is, `tactic` the playbook's tactic it names (null when it names none).
 */
export function stageRefusals(stage: Stage | null, who: string, promotion: StagedPromotion, tactic: TacticParameters | null): StageRefusals {
  if (stage === null || stage === "create") return {};
  const { t } = currentLocalizer();
  const indicator = (key: string) => (isIndicatorKey(key) ? t(`indicators.${key}.label`) : key);
  const words = { name: who, stage: t(`team.stages.${stage}`) };
  if (promotion.tactic === null || tactic === null) return { tactic: t("team.stageRules.needsTactic", words) };
  const differs = changed(promotion, tactic);
  const refusals: StageRefusals = {};
  if (differs.indicator) refusals.indicator = t("team.stageRules.keepIndicator", { ...words, value: indicator(tactic.indicator) });
  if (stage === "follow" && differs.type) refusals.type = t("team.stageRules.keepType", { ...words, value: promotionTypeLabel(tactic.type, t) });
  if (stage === "follow" && differs.hypothesis) refusals.hypothesis = t("team.stageRules.keepHypothesis", { ...words, value: tactic.hypotheses[0] ?? "" });
  return refusals;
}
