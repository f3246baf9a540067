import { z } from "zod";
import { ROLES } from "~/utils/permissions";

export const roleSchema = z.enum(ROLES, { message: "Choose a role" });

export const updateMemberRoleSchema = z.object({
  membershipId: z.uuid({ message: "Unknown member" }),
  role: roleSchema,
});
export type UpdateMemberRoleInput = z.infer<typeof updateMemberRoleSchema>;
