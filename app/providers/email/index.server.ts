// Picks the email provider once from validated config: SMTP when SMTP_URL is set, else the sandbox.
import type { PrismaClient } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { getEnv, providerModes, type Env } from "~/utils/env.server";
import type { EmailProvider } from "./email.types";
import { createSandboxEmailProvider } from "./sandbox.server";
import { createSmtpEmailProvider } from "./smtp.server";

export type { EmailMessage, EmailProvider, EmailSendResult } from "./email.types";
export { createSandboxEmailProvider } from "./sandbox.server";
export { createSmtpEmailProvider } from "./smtp.server";

/** Builds the provider an environment asks for, without reading process.env. */
export function emailProviderFromEnv(env: Env, db: PrismaClient = prisma): EmailProvider {
  if (providerModes(env).email === "smtp") return createSmtpEmailProvider({ url: env.SMTP_URL!, from: env.SMTP_FROM });
  return createSandboxEmailProvider({ db, from: env.SMTP_FROM });
}

let chosen: EmailProvider | undefined;

/** The process's email provider, chosen on first use. */
export function getEmailProvider(): EmailProvider {
  chosen ??= emailProviderFromEnv(getEnv());
  return chosen;
}
