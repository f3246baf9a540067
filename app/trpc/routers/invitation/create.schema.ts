import { z } from "zod";
import { emailSchema } from "~/domain/auth/sign-in.schema";
import { roleSchema } from "~/trpc/routers/member/update-role.schema";

export const createInvitationSchema = z.object({ email: emailSchema, role: roleSchema });
export type CreateInvitationInput = z.infer<typeof createInvitationSchema>;
