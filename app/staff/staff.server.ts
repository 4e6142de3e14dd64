/**
 * The acting staff member, from Shopify's identity: the online session's associated user. Every
 * app request records who they are (name, account owner, collaborator); their role comes from
 * that and from what the owner chose. Refusals are 403 responses that say why.
 */
import type { PrismaClient } from "@prisma/client";
import type { Session } from "@shopify/shopify-api";
import { sessionLocale } from "~/i18n/request-locale.server";
import type { Localizer } from "~/i18n/localizer";
import { currentLocalizer } from "~/i18n/scope";
import { can, roleChangeRefusal, roleOf, type Permission, type Role } from "./roles";

export interface Actor {
  shop: string;
  userId: string;
  name: string;
  role: Role;
  accountOwner: boolean;
  collaborator: boolean;
  /** Their admin's language, a locale tag (i18n/request-locale.server.ts). */
  locale: string;
}

/** What a page's action works with: the database, the acting staff member, the time it acts at, and their words. */
export interface StaffActionContext {
  db: PrismaClient;
  actor: Actor;
  now: Date;
  l10n: Localizer;
}

/** The app itself, for changes nobody made by hand (a recurring target rolling forward). */
export function systemActor(shop: string): Actor {
  return { shop, userId: "throughline", name: "Throughline", role: "owner", accountOwner: false, collaborator: false, locale: "en" };
}

export class ForbiddenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ForbiddenError";
  }
}

/** Records the session's staff member and returns them with their role. */
/**
 * The staff member making a request, recorded as seen. `requestedLocale`: the `?locale=` Shopify put
 * on the app's URL (their admin's language), kept for the requests that don't carry it.
 */
export async function actingStaff(
  db: PrismaClient,
  session: Pick<Session, "shop" | "onlineAccessInfo">,
  now: Date,
  requestedLocale: string | null = null,
): Promise<Actor> {
  const user = session.onlineAccessInfo?.associated_user;
  if (!user) throw new ForbiddenError(currentLocalizer().t("refusals.noStaffMember"));
  const userId = String(user.id);
  const name = [user.first_name, user.last_name].filter(Boolean).join(" ") || `Staff member ${userId}`;
  const identity = {
    name,
    accountOwner: Boolean(user.account_owner),
    collaborator: Boolean(user.collaborator),
    ...(user.email ? { email: user.email } : {}),
    lastSeenAt: now,
    ...(requestedLocale ? { locale: requestedLocale } : {}),
  };
  const member = await db.staffMember.upsert({
    where: { shop_userId: { shop: session.shop, userId } },
    create: { shop: session.shop, userId, ...identity, firstSeenAt: now },
    update: identity,
  });
  const locale = member.locale ?? sessionLocale(session) ?? "en";
  return { shop: session.shop, userId, name, role: roleOf(member), accountOwner: member.accountOwner, collaborator: member.collaborator, locale };
}

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!can(actor.role, permission)) throw new ForbiddenError(currentLocalizer().t(`refusals.${permission}`));
}

export async function staffMembers(db: PrismaClient, shop: string) {
  const members = await db.staffMember.findMany({ where: { shop }, orderBy: [{ accountOwner: "desc" }, { name: "asc" }] });
  return members.map((member) => ({
    userId: member.userId,
    name: member.name,
    role: roleOf(member),
    stage: member.stage,
    collaborator: member.collaborator,
    accountOwner: member.accountOwner,
    lastSeenAt: member.lastSeenAt.toISOString(),
  }));
}

/** The owner makes a staff member a Strategist, or Staff again. Returns an error for the field, or null. */
export async function setRole(db: PrismaClient, actor: Actor, userId: string, role: string, now: Date): Promise<string | null> {
  requirePermission(actor, "manage_roles");
  const member = await db.staffMember.findUnique({ where: { shop_userId: { shop: actor.shop, userId } } });
  if (!member) return currentLocalizer().t("refusals.noSuchMember");
  const refusal = roleChangeRefusal(member, role);
  if (refusal) return refusal;
  if (member.role === role) return null;
  await changeMember(db, actor, userId, "role_changed", { role: roleOf(member) }, { role }, member.name, now);
  return null;
}

/** Changes a member (their role, their stage) and keeps the change in the history with what it was, in one transaction. */
export async function changeMember(
  db: PrismaClient,
  actor: Actor,
  userId: string,
  action: string,
  before: { role: string } | { stage: string },
  after: { role: string } | { stage: string },
  name: string,
  now: Date,
): Promise<void> {
  await db.$transaction([
    db.staffMember.update({ where: { shop_userId: { shop: actor.shop, userId } }, data: after }),
    db.strategyChange.create({
      data: {
        shop: actor.shop,
        at: now,
        actorId: actor.userId,
        actorName: actor.name,
        entity: "staff",
        entityId: userId,
        action,
        before: JSON.stringify({ name, ...before }),
        after: JSON.stringify({ name, ...after }),
      },
    }),
  ]);
}
