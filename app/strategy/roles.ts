/**
 * Who may do what (pure). The account owner is always an Owner; the owner can make other staff
 * Strategists (the same rights on strategy) or leave them Staff. Collaborator accounts (agencies,
 * developers working on the store) stay Staff: the strategy belongs to the store's own team.
 */
export type Role = "owner" | "strategist" | "staff";
export type Permission = "edit_strategy" | "manage_roles" | "sign_off_review" | "log_promotions";

const RIGHTS: Record<Role, readonly Permission[]> = {
  owner: ["edit_strategy", "manage_roles", "sign_off_review", "log_promotions"],
  strategist: ["edit_strategy", "sign_off_review", "log_promotions"],
  staff: ["log_promotions"],
};

export const ROLE_LABELS: Record<Role, string> = { owner: "Owner", strategist: "Strategist", staff: "Staff" };

/** Why an action is refused, in words for the person refused. */
export const REFUSALS: Record<Permission, string> = {
  edit_strategy: "Only the store owner or a strategist can change goals and targets.",
  manage_roles: "Only the store owner can change who is a strategist.",
  sign_off_review: "Only the store owner or a strategist can sign off a review.",
  log_promotions: "Your account can't log promotions.",
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

/** Why the owner can't give this member that role, or null when they can. */
export function roleChangeRefusal(member: Member, role: string): string | null {
  if (role !== "strategist" && role !== "staff") return `"${role}" is not a role: choose Strategist or Staff.`;
  if (member.accountOwner) return "The store's account owner is always an Owner.";
  if (member.collaborator && role === "strategist") return "Collaborator accounts stay Staff: strategy belongs to the store's own team.";
  return null;
}
