/**
 * The Team page: the team with each member's role and stage (the owner sets Staff members' stages),
 * a member's record (owners and strategists open anyone's, a Staff member only their own: 403 for
 * someone else's), the proposals waiting for the owner or a strategist to approve or return, and for
 * a Staff member at the Create stage, the forms to propose a tactic or a target.
 */
import type { PrismaClient } from "@prisma/client";
import { z } from "zod";
import { timeZone } from "@throughline/shopify-common/time-zone";
import { localizer, type Localizer } from "~/i18n/localizer";
import { ORDER_INDICATOR_KEYS } from "~/indicators/definitions";
import { done, idField, intentsFor, refused, runIntent, textField, type Intent, type IntentResponse, type IntentResult } from "~/lib/form-intents.server";
import { PROMOTION_TYPES } from "~/promotions/promotion-types";
import { targetIndicatorOptions } from "~/strategy/target-input";
import { liveGoals } from "~/strategy/targets.server";
import { lessonsOf } from "~/lessons/lessons.server";
import { memberRecord } from "./member-record.server";
import { proposalView } from "./proposal-view";
import { approveProposal, propose, PROPOSAL_FIELDS, returnProposal, withdrawProposal, type ProposalOutcome } from "./proposals.server";
import { can } from "./roles";
import { ForbiddenError, staffMembers, type Actor, type StaffActionContext } from "./staff.server";
import { limitingStage, STAGES } from "./stages";
import { setStage } from "./stages.server";

export async function teamPage(db: PrismaClient, actor: Actor, params: URLSearchParams, now: Date) {
  const l10n = localizer(actor.locale);
  const { t } = l10n;
  const shop = await db.shop.findUnique({ where: { shop: actor.shop }, select: { ianaTimezone: true, currencyCode: true } });
  const [zone, currency] = [shop?.ianaTimezone ?? "UTC", shop?.currencyCode ?? "USD"];
  const seesEveryone = can(actor.role, "edit_strategy");
  const team = (await staffMembers(db, actor.shop)).map((member) => ({
    ...member,
    roleLabel: t(`roles.${member.role}`),
    // The stage that limits them (null: an owner or strategist, beyond any stage).
    limitedTo: limitingStage(member.role, member.stage),
  }));
  const asked = params.get("member")?.trim().slice(0, 64) || actor.userId;
  if (!seesEveryone && asked !== actor.userId)
    throw new ForbiddenError(t("team.errors.othersRecord", { name: team.find((member) => member.userId === asked)?.name ?? asked }));
  const member = team.find((candidate) => candidate.userId === asked) ?? team.find((candidate) => candidate.userId === actor.userId)!;
  const today = timeZone(zone).localDay(now.getTime());
  const mayPropose = actor.role === "staff" && member.userId === actor.userId && member.limitedTo === "create";
  return {
    timeZone: zone,
    canSetStages: can(actor.role, "manage_roles"),
    canDecide: seesEveryone,
    actorId: actor.userId,
    members: seesEveryone ? team : team.filter((candidate) => candidate.userId === actor.userId),
    member,
    unknownMember: asked !== member.userId,
    record: await memberRecord(db, actor.shop, member.userId, today, l10n),
    lessons: await lessonsOf(db, actor.shop, member.userId, l10n),
    pending: seesEveryone
      ? (await db.proposal.findMany({ where: { shop: actor.shop, status: "pending" }, orderBy: { id: "asc" } })).map((proposal) =>
          proposalView(proposal, currency, zone, l10n),
        )
      : [],
    propose: mayPropose ? await proposalForms(db, actor.shop, l10n) : null,
    stages: STAGES.map((stage) => ({ value: stage, label: t(`team.stages.${stage}`) })),
  };
}

/** What the proposal forms offer: the tactic form's indicators and types, the target form's indicators and goals. */
async function proposalForms(db: PrismaClient, shop: string, { t }: Localizer) {
  return {
    tacticIndicators: ORDER_INDICATOR_KEYS.map((key) => ({ key, label: t(`indicators.${key}.label`) })),
    types: [...PROMOTION_TYPES],
    targetIndicators: targetIndicatorOptions(t),
    goals: (await liveGoals(db, shop)).map((goal) => ({ id: goal.id, name: goal.name })),
  };
}

/** A refusal about a proposal names it, so the page shows it there. */
type ProposalRefusal = { id: number };
export type TeamActionResult = IntentResult<ProposalRefusal>;

const intent = intentsFor<StaffActionContext, ProposalRefusal>();
const proposalId = ({ l10n: { t } }: StaffActionContext) =>
  idField({ missing: t("team.proposals.errors.whichProposal"), notAnId: (given) => t("team.proposals.errors.notProposalId", { given }) });
const answered = (outcome: ProposalOutcome, message: string, id?: number) =>
  outcome.ok ? done(message) : refused<ProposalRefusal>(outcome.errors, id === undefined ? undefined : { id });
const proposalFields = (kind: keyof typeof PROPOSAL_FIELDS) =>
  z.object(Object.fromEntries(PROPOSAL_FIELDS[kind].map((name) => [name, textField])) as Record<string, typeof textField>);

const TEAM_INTENTS: Record<string, Intent<StaffActionContext, ProposalRefusal>> = {
  set_stage: intent(
    () => z.object({ userId: textField, stage: textField }),
    async ({ userId, stage }, { db, actor, now, l10n: { t } }) => {
      const error = await setStage(db, actor, userId ?? "", stage ?? "", now);
      return error ? refused({ stage: error }) : done(t("team.messages.stageSaved"));
    },
  ),
  propose_tactic: intent(
    () => proposalFields("tactic"),
    async (fields, { db, actor, now, l10n: { t } }) => answered(await propose(db, actor, "tactic", fields, now), t("team.messages.proposed")),
  ),
  propose_target: intent(
    () => proposalFields("target"),
    async (fields, { db, actor, now, l10n: { t } }) => answered(await propose(db, actor, "target", fields, now), t("team.messages.proposed")),
  ),
  withdraw_proposal: intent(
    (c) => z.object({ id: proposalId(c) }),
    async ({ id }, { db, actor, now, l10n: { t } }) => answered(await withdrawProposal(db, actor, id, now), t("team.messages.withdrawn"), id),
  ),
  approve_proposal: intent(
    (c) => z.object({ id: proposalId(c) }),
    async ({ id }, { db, actor, now, l10n: { t } }) => answered(await approveProposal(db, actor, id, now), t("team.messages.approved"), id),
  ),
  return_proposal: intent(
    (c) => z.object({ id: proposalId(c), comment: textField }),
    async ({ id, comment }, { db, actor, now, l10n: { t } }) => answered(await returnProposal(db, actor, id, comment, now), t("team.messages.returned"), id),
  ),
};

/** Runs one form action; a refused action throws ForbiddenError (the route answers 403). */
export function teamAction(db: PrismaClient, actor: Actor, form: FormData, now: Date): Promise<IntentResponse<ProposalRefusal>> {
  const l10n = localizer(actor.locale);
  const { t } = l10n;
  return runIntent(form, TEAM_INTENTS, { db, actor, now, l10n }, (intent) => (intent ? t("team.errors.unknownAction", { intent }) : t("team.errors.noAction")));
}
