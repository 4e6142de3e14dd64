/**
 * What a Staff member at the Create stage proposes: a tactic of their own, or a target, checked as
 * when the owner creates them. The owner or a strategist approves it, which creates it through the
 * usual functions (the tactic with the proposer as its author, the target with its history), or
 * returns it with a comment; the proposer sees where it stands and may withdraw it while it waits.
 * Each step is in the history (StrategyChange, entity "proposal"). Decision 032.
 */
import type { PrismaClient, Proposal } from "@prisma/client";
import { currentLocalizer } from "~/i18n/scope";
import { checkTactic, saveTactic } from "~/playbooks/playbooks.server";
import { parseTarget } from "~/strategy/target-input";
import { checkTarget, createTarget } from "~/strategy/targets.server";
import { roleOf } from "./roles";
import { ForbiddenError, requirePermission, type Actor } from "./staff.server";
import { limitingStage } from "./stages";

export const PROPOSAL_KINDS = ["tactic", "target"] as const;
export type ProposalKind = (typeof PROPOSAL_KINDS)[number];
/** The fields each kind keeps: the Playbooks page's tactic form's, the Targets page's target form's. */
export const PROPOSAL_FIELDS = {
  tactic: ["indicator", "title", "how", "type", "hypothesis"],
  target: ["indicator", "periodKind", "from", "to", "value", "direction", "recurring", "goalId"],
} as const satisfies Record<ProposalKind, readonly string[]>;
const MAX_COMMENT = 2000;

export type ProposalFields = Record<string, string>;
export type ProposalOutcome = { ok: true } | { ok: false; errors: Record<string, string> };

/** The payload kept: the kind's fields as the form sent them. */
export function proposalPayload(proposal: Pick<Proposal, "payload">): ProposalFields {
  return JSON.parse(proposal.payload) as ProposalFields;
}

/** A target proposal as the Targets page's form would create it (its ratios typed as percentages). */
const asTarget = (fields: ProposalFields) => ({ ...fields, ratioAs: "percent" as const });

/** What a proposal is about, as the history keeps it: a tactic's title and indicator, or a target's indicator and dates. */
function about(kind: ProposalKind, fields: ProposalFields) {
  if (kind === "tactic") return { kind, title: fields.title ?? "", indicator: fields.indicator ?? "" };
  const parsed = parseTarget(asTarget(fields));
  return parsed.ok ? { kind, indicator: parsed.value.indicator, from: parsed.value.from, to: parsed.value.to } : { kind, indicator: fields.indicator ?? "" };
}

async function recordStep(db: PrismaClient, actor: Actor, proposal: Proposal, action: string, now: Date, extra: Record<string, unknown> = {}) {
  const fields = proposalPayload(proposal);
  await db.strategyChange.create({
    data: {
      shop: actor.shop,
      at: now,
      actorId: actor.userId,
      actorName: actor.name,
      entity: "proposal",
      entityId: String(proposal.id),
      action,
      before: null,
      after: JSON.stringify({ ...about(proposal.kind as ProposalKind, fields), name: proposal.proposedByName, ...extra }),
    },
  });
}

/** Only a Staff member at the Create stage proposes (ForbiddenError otherwise, saying why). */
async function mayPropose(db: PrismaClient, actor: Actor): Promise<void> {
  const { t } = currentLocalizer();
  if (actor.role !== "staff") throw new ForbiddenError(t("team.proposals.errors.setItYourself"));
  const member = await db.staffMember.findUnique({ where: { shop_userId: { shop: actor.shop, userId: actor.userId } } });
  const stage = member ? limitingStage(roleOf(member), member.stage) : "follow";
  if (stage !== "create") throw new ForbiddenError(t("team.proposals.errors.notAtCreate", { name: actor.name, stage: t(`team.stages.${stage ?? "create"}`) }));
}

/** Proposes a tactic or a target, checked as the owner's own would be; refused field by field, nothing written. */
export async function propose(db: PrismaClient, actor: Actor, kind: ProposalKind, raw: Record<string, string | null>, now: Date): Promise<ProposalOutcome> {
  await mayPropose(db, actor);
  const fields: ProposalFields = Object.fromEntries(PROPOSAL_FIELDS[kind].map((name) => [name, raw[name]?.trim() ?? ""]));
  const l10n = currentLocalizer();
  const checked = kind === "tactic" ? await checkTactic(db, actor.shop, fields, l10n) : await checkTarget(db, actor.shop, asTarget(fields));
  if (!checked.ok) return { ok: false, errors: checked.errors as Record<string, string> };
  await db.$transaction(async (tx) => {
    const proposal = await tx.proposal.create({
      data: { shop: actor.shop, kind, payload: JSON.stringify(fields), proposedBy: actor.userId, proposedByName: actor.name, proposedAt: now },
    });
    await recordStep(tx as PrismaClient, actor, proposal, "proposed", now);
  });
  return { ok: true };
}

/** The shop's proposal by id, or a refusal saying there is none (or it no longer waits). */
async function pending(db: PrismaClient, actor: Actor, id: number): Promise<Proposal | { ok: false; errors: Record<string, string> }> {
  const { t } = currentLocalizer();
  const proposal = await db.proposal.findFirst({ where: { id, shop: actor.shop } });
  if (!proposal) return { ok: false, errors: { id: t("team.proposals.errors.noSuchProposal") } };
  if (proposal.status !== "pending")
    return { ok: false, errors: { id: t("team.proposals.errors.notPending", { status: t(`team.proposals.status.${statusKey(proposal.status)}`) }) } };
  return proposal;
}

const statusKey = (status: string) =>
  ["pending", "approved", "returned", "withdrawn"].includes(status) ? (status as "pending" | "approved" | "returned" | "withdrawn") : "pending";

/** The proposer takes back a proposal still waiting (anyone else: ForbiddenError). */
export async function withdrawProposal(db: PrismaClient, actor: Actor, id: number, now: Date): Promise<ProposalOutcome> {
  const { t } = currentLocalizer();
  const found = await db.proposal.findFirst({ where: { id, shop: actor.shop } });
  if (found && found.proposedBy !== actor.userId) throw new ForbiddenError(t("team.proposals.errors.onlyProposer", { name: found.proposedByName }));
  const proposal = await pending(db, actor, id);
  if ("ok" in proposal) return proposal;
  return decide(db, actor, proposal, "withdrawn", now, null);
}

/** Returns a waiting proposal to its proposer with a comment (owners and strategists). */
export async function returnProposal(db: PrismaClient, actor: Actor, id: number, comment: string | null, now: Date): Promise<ProposalOutcome> {
  requirePermission(actor, "edit_strategy");
  const { t, locale } = currentLocalizer();
  const proposal = await pending(db, actor, id);
  if ("ok" in proposal) return proposal;
  const text = comment?.trim() ?? "";
  if (!text) return { ok: false, errors: { comment: t("team.proposals.errors.sayWhy") } };
  if (text.length > MAX_COMMENT)
    return {
      ok: false,
      errors: { comment: t("team.selfReview.errors.tooLong", { length: text.length.toLocaleString(locale), max: MAX_COMMENT.toLocaleString(locale) }) },
    };
  return decide(db, actor, proposal, "returned", now, text);
}

/** Marks a waiting proposal decided (only if it still waits: two people deciding at once, one wins), with its history. */
async function decide(
  db: PrismaClient,
  actor: Actor,
  proposal: Proposal,
  status: "withdrawn" | "returned",
  now: Date,
  comment: string | null,
): Promise<ProposalOutcome> {
  const done = await db.$transaction(async (tx) => {
    const claimed = await tx.proposal.updateMany({
      where: { id: proposal.id, status: "pending" },
      data: { status, comment, decidedBy: actor.userId, decidedByName: actor.name, decidedAt: now },
    });
    if (claimed.count === 1) await recordStep(tx as PrismaClient, actor, proposal, status, now, comment ? { comment } : {});
    return claimed.count === 1;
  });
  return done ? { ok: true } : { ok: false, errors: { id: currentLocalizer().t("team.proposals.errors.noLongerPending") } };
}

/**
 * Approves a waiting proposal (owners and strategists): the tactic is added to the playbook with the
 * proposer as its author, or the target is set, through the functions the owner's own go through
 * (checked again: a target another has since overlapped is refused, the proposal still waiting).
 */
export async function approveProposal(db: PrismaClient, actor: Actor, id: number, now: Date): Promise<ProposalOutcome> {
  requirePermission(actor, "edit_strategy");
  const proposal = await pending(db, actor, id);
  if ("ok" in proposal) return proposal;
  const decided = { decidedBy: actor.userId, decidedByName: actor.name, decidedAt: now };
  // Claimed first, so two approvals never create it twice; given back when creating it is refused.
  const claimed = await db.proposal.updateMany({ where: { id, status: "pending" }, data: { status: "approved", ...decided } });
  if (claimed.count !== 1) return { ok: false, errors: { id: currentLocalizer().t("team.proposals.errors.noLongerPending") } };
  const fields = proposalPayload(proposal);
  const giveBack = () => db.proposal.update({ where: { id }, data: { status: "pending", decidedBy: null, decidedByName: null, decidedAt: null } });
  const created = await (
    proposal.kind === "tactic"
      ? saveTactic(db, actor, { ...fields, key: null }, now, proposal.proposedBy)
      : createTarget(db, actor, asTarget(fields), now).then((outcome) => (outcome.ok ? { ok: true as const, key: String(outcome.value.id) } : outcome))
  ).catch(async (error: unknown) => {
    await giveBack();
    throw error;
  });
  if (!created.ok) {
    await giveBack();
    return { ok: false, errors: created.errors as Record<string, string> };
  }
  await db.proposal.update({ where: { id }, data: { resultKey: created.key } });
  await recordStep(db, actor, proposal, "approved", now, { resultKey: created.key });
  return { ok: true };
}
