import { z } from "zod";

export const emailSchema = z
  .string({ message: "Enter your email address" })
  .trim()
  .toLowerCase()
  .min(1, { message: "Enter your email address" })
  .max(254, { message: "That email address is too long" })
  .pipe(z.email({ message: "Enter a valid email address, like priya@example.com" }));

export const signInSchema = z.object({
  email: emailSchema,
  password: z
    .string({ message: "Enter your password" })
    .min(1, { message: "Enter your password" })
    .max(200, { message: "That password is too long" }),
  redirectTo: z.string().optional(),
});
export type SignInInput = z.infer<typeof signInSchema>;
