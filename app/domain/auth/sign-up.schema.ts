import { z } from "zod";
import { emailSchema } from "~/domain/auth/sign-in.schema";

export const newPasswordSchema = z
  .string({ message: "Choose a password" })
  .min(10, { message: "Use at least 10 characters" })
  .max(200, { message: "Use at most 200 characters" });

export const personNameSchema = z
  .string({ message: "Enter your name" })
  .trim()
  .min(1, { message: "Enter your name" })
  .max(120, { message: "Use at most 120 characters" });

export const organizationNameSchema = z
  .string({ message: "Enter your organization's name" })
  .trim()
  .min(2, { message: "Use at least 2 characters" })
  .max(120, { message: "Use at most 120 characters" });

export const signUpSchema = z.object({
  name: personNameSchema,
  email: emailSchema,
  password: newPasswordSchema,
  organizationName: organizationNameSchema,
});
export type SignUpInput = z.infer<typeof signUpSchema>;
