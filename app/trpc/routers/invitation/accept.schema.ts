import { z } from "zod";
import { newPasswordSchema, personNameSchema } from "~/domain/auth/sign-up.schema";

export const invitationTokenSchema = z
  .string({ message: "This invitation link is incomplete." })
  .regex(/^[A-Za-z0-9_-]{20,100}$/, { message: "This invitation link is incomplete." });

export const acceptInvitationSchema = z.object({ token: invitationTokenSchema });
export type AcceptInvitationInput = z.infer<typeof acceptInvitationSchema>;

export const signUpWithInvitationSchema = z.object({
  token: invitationTokenSchema,
  name: personNameSchema,
  password: newPasswordSchema,
});
export type SignUpWithInvitationInput = z.infer<typeof signUpWithInvitationSchema>;
