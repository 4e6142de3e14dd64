/**
 * The owner sets each Staff member's stage (stages.ts); every change is kept in the history like a
 * role change (StrategyChange: entity "staff", action "stage_changed", before and after).
 */
import type { PrismaClient } from "@prisma/client";
import { currentLocalizer } from "~/i18n/scope";
import { changeMember, requirePermission, type Actor } from "./staff.server";
import { isStage, STAGES } from "./stages";

/** Sets a member's stage (owner only). Returns an error for the field, or null. */
export async function setStage(db: PrismaClient, actor: Actor, userId: string, stage: string, now: Date): Promise<string | null> {
  requirePermission(actor, "manage_roles");
  const { t } = currentLocalizer();
  if (!isStage(stage)) return t("team.errors.notAStage", { stage: stage.slice(0, 40), stages: STAGES.map((known) => t(`team.stages.${known}`)).join(", ") });
  const member = await db.staffMember.findUnique({ where: { shop_userId: { shop: actor.shop, userId } } });
  if (!member) return t("refusals.noSuchMember");
  if (member.accountOwner) return t("team.errors.ownerBeyondStages");
  if (member.stage === stage) return null;
  await changeMember(db, actor, userId, "stage_changed", { stage: member.stage }, { stage }, member.name, now);
  return null;
}

/** A member's stage changes, latest first: when, who changed it, from what to what. */
export async function stageHistory(db: PrismaClient, shop: string, userId: string) {
  const changes = await db.strategyChange.findMany({
    where: { shop, entity: "staff", entityId: userId, action: "stage_changed" },
    orderBy: { id: "desc" },
    take: 50,
  });
  return changes.map((change) => ({
    at: change.at.toISOString(),
    by: change.actorName,
    from: String((JSON.parse(change.before ?? "{}") as { stage?: string }).stage ?? ""),
    to: String((JSON.parse(change.after ?? "{}") as { stage?: string }).stage ?? ""),
  }));
}
