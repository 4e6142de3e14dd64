/**
 * A promotion held to the stages of the people behind it (app/staff/stages.ts): whoever logs it, when
 * a Staff member, and whoever runs it. Every path that creates or changes promotions asks here (the
 * Promotions page for its field errors, a spreadsheet import for each line), and `createPromotions` /
 * `updatePromotion` ask again before writing, so none goes around it (decision 032).
 */
import type { PrismaClient } from "@prisma/client";
import { LANGUAGES } from "~/i18n/languages";
import { localizer } from "~/i18n/localizer";
import { currentLocalizer } from "~/i18n/scope";
import { storePlaybook } from "~/playbooks/playbooks.server";
import { roleOf } from "~/staff/roles";
import type { Actor } from "~/staff/staff.server";
import {
  earlierStage,
  limitingStage,
  stageRefusals,
  tacticUse,
  type StagedPromotion,
  type StageRefusals,
  type TacticParameters,
  type TacticUse,
} from "~/staff/stages";

export interface StageCheck {
  refusals: StageRefusals;
  tacticUse: TacticUse | null;
}

/** The store's playbook as a promotion keeps its tactics: each tactic's parameters, a built-in hypothesis in every language (the reader's first). */
export async function playbookParameters(db: PrismaClient, shop: string): Promise<Map<string, TacticParameters>> {
  const reader = currentLocalizer();
  const languages = [reader, ...LANGUAGES.filter((language) => language !== reader.language).map((language) => localizer(language))];
  const tactics = new Map<string, TacticParameters>();
  for (const l10n of languages) {
    for (const tactic of await storePlaybook(db, shop, { l10n })) {
      const known = tactics.get(tactic.key);
      if (known) known.hypotheses.push(tactic.hypothesis);
      else tactics.set(tactic.key, { key: tactic.key, indicator: tactic.indicator, type: tactic.type, hypotheses: [tactic.hypothesis] });
    }
  }
  return tactics;
}

/**
 * Each promotion against the stages of the actor (a Staff member's own, first stage when the app
 * hasn't seen them) and of whoever runs it (`runnerId`, a member of the team; someone the app doesn't
 * know limits nothing): what the earlier of the two refuses, and how it uses its tactic.
 */
export async function stageChecks(
  db: PrismaClient,
  actor: Actor,
  promotions: { promotion: StagedPromotion; runnerId: string | null }[],
): Promise<StageCheck[]> {
  if (promotions.length === 0) return [];
  const tactics = await playbookParameters(db, actor.shop);
  const ids = [...new Set([actor.userId, ...promotions.flatMap(({ runnerId }) => (runnerId === null ? [] : [runnerId]))])];
  const members = new Map((await db.staffMember.findMany({ where: { shop: actor.shop, userId: { in: ids } } })).map((member) => [member.userId, member]));
  const acting = actor.role === "staff" ? { stage: limitingStage("staff", members.get(actor.userId)?.stage ?? "follow"), name: actor.name } : null;
  return promotions.map(({ promotion, runnerId }) => {
    const member = runnerId === null || runnerId === actor.userId ? undefined : members.get(runnerId);
    const runner = member ? { stage: limitingStage(roleOf(member), member.stage), name: member.name } : null;
    const stage = earlierStage(acting?.stage ?? null, runner?.stage ?? null);
    const who = acting && acting.stage === stage ? acting.name : (runner?.name ?? actor.name);
    const tactic = promotion.tactic === null ? null : (tactics.get(promotion.tactic) ?? null);
    return { refusals: stageRefusals(stage, who, promotion, tactic), tacticUse: tacticUse(promotion, tactic) };
  });
}

/** What the stages refuse in one promotion from a form: run by its chosen owner, else by whoever runs it now (`keptOwner`, editing), else by the actor. */
export async function stageRefusalsOf(db: PrismaClient, actor: Actor, promotion: StagedPromotion & { ownerId: string | null }, keptOwner?: string | null) {
  const [check] = await stageChecks(db, actor, [{ promotion, runnerId: promotion.ownerId ?? keptOwner ?? actor.userId }]);
  return check!.refusals;
}
