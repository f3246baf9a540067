// Who may do what. Browser-safe: the UI uses it to hide what a person may not
// do, the server uses the same table to decide.
export const ROLES = ["OWNER", "ADMIN", "MANAGER", "AGENT", "VIEWER"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  OWNER: "Owner",
  ADMIN: "Admin",
  MANAGER: "Manager",
  AGENT: "Agent",
  VIEWER: "Viewer",
};

const ROLE_RANK: Record<Role, number> = { OWNER: 5, ADMIN: 4, MANAGER: 3, AGENT: 2, VIEWER: 1 };

export function roleAtLeast(role: Role, minimum: Role): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[minimum];
}

type Action = "create" | "read" | "update" | "delete";
type Entity =
  | "organization"
  | "member"
  | "invitation"
  | "contact"
  | "conversation"
  | "payment"
  | "product"
  | "paymentAccount"
  | "settings"
  | "outbox";
type Access = "own" | "any";
export type Permission = `${Action}:${Entity}:${Access}`;

const VIEWER: Permission[] = [
  "read:organization:any",
  "read:member:any",
  "read:contact:any",
  "read:conversation:own",
  "read:payment:any",
  "read:product:any",
  "read:outbox:any",
];
const AGENT: Permission[] = [
  ...VIEWER,
  "create:contact:any",
  "update:contact:own",
  "update:conversation:own",
  "create:payment:own",
];
const MANAGER: Permission[] = [
  ...AGENT,
  "update:contact:any",
  "delete:contact:any",
  "read:conversation:any",
  "update:conversation:any",
  "create:payment:any",
];
const ADMIN: Permission[] = [
  ...MANAGER,
  "read:invitation:any",
  "create:invitation:any",
  "delete:invitation:any",
  "update:member:any",
  "delete:member:any",
  "update:settings:any",
  "create:product:any",
  "update:product:any",
  "read:paymentAccount:any",
  "update:paymentAccount:any",
];
const OWNER: Permission[] = [...ADMIN, "update:organization:any", "delete:organization:any"];

const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  OWNER: new Set(OWNER),
  ADMIN: new Set(ADMIN),
  MANAGER: new Set(MANAGER),
  AGENT: new Set(AGENT),
  VIEWER: new Set(VIEWER),
};

/** True when `role` grants `permission`; an ":any" grant also covers ":own". */
export function can(role: Role | null | undefined, permission: Permission): boolean {
  if (!role) return false;
  const granted = ROLE_PERMISSIONS[role];
  if (granted.has(permission)) return true;
  if (permission.endsWith(":own")) return granted.has(permission.replace(/:own$/, ":any") as Permission);
  return false;
}

/** Roles a member with `role` may hand out: never above their own. */
export function assignableRoles(role: Role): Role[] {
  return ROLES.filter((candidate) => roleAtLeast(role, candidate));
}
