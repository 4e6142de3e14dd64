/**
 * Who may do what (pure). The account owner is always an Owner; the owner can make other staff
 * Strategists (the same rights on strategy) or leave them Staff. Collaborator accounts (agencies,
 * developers working on the store) stay Staff: the strategy belongs to the store's own team.
 */
import { currentLocalizer } from "~/i18n/scope";

export type Role = "owner" | "strategist" | "staff";
export type Permission = "edit_strategy" | "edit_costs" | "manage_roles" | "sign_off_review" | "log_promotions";

const RIGHTS: Record<Role, readonly Permission[]> = {
  owner: ["edit_strategy", "edit_costs", "manage_roles", "sign_off_review", "log_promotions"],
  strategist: ["edit_strategy", "edit_costs", "sign_off_review", "log_promotions"],
  staff: ["log_promotions"],
};

export interface Member {
  accountOwner: boolean;
  collaborator: boolean;
  /** What the owner chose for this member ("strategist" or "staff"). */
  role: string;
}

export function roleOf(member: Member): Role {
  if (member.accountOwner) return "owner";
  if (member.collaborator) return "staff";
  return member.role === "strategist" ? "strategist" : "staff";
}

export function can(role: Role, permission: Permission): boolean {
  return RIGHTS[role].includes(permission);
}

/** Why the owner can't give this member that role, or null when they can (in the work's language). */
export function roleChangeRefusal(member: Member, role: string): string | null {
  const { t } = currentLocalizer();
  if (role !== "strategist" && role !== "staff") return t("refusals.notARole", { role });
  if (member.accountOwner) return t("refusals.accountOwner");
  if (member.collaborator && role === "strategist") return t("refusals.collaborator");
  return null;
}
