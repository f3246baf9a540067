import { z } from "zod";

/** The token from a sign-up link (/signup/confirm/:token). */
export const confirmSignUpSchema = z.object({
  token: z
    .string({ message: "This sign-up link is not valid." })
    .regex(/^[A-Za-z0-9_-]{20,100}$/, { message: "This sign-up link is not valid." }),
});
export type ConfirmSignUpInput = z.infer<typeof confirmSignUpSchema>;
