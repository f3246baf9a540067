// Who may change which deal. Browser-safe: the board hides what a person may
// not do; the handlers decide with the same rules.
import { roleAtLeast, type Role } from "~/utils/permissions";

/** AGENTs create deals and change their own or unassigned ones; MANAGERs and above change any. */
export function canEditDeal(role: Role | null | undefined, userId: string | null | undefined, ownerId: string | null) {
  if (!role || !roleAtLeast(role, "AGENT")) return false;
  if (roleAtLeast(role, "MANAGER")) return true;
  return ownerId === null || ownerId === userId;
}

export function canCreateDeal(role: Role | null | undefined) {
  return !!role && roleAtLeast(role, "AGENT");
}

export function canDeleteDeal(role: Role | null | undefined) {
  return !!role && roleAtLeast(role, "MANAGER");
}
