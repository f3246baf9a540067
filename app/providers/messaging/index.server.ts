// Picks the messaging provider once from validated config: Twilio when TWILIO_* is set, else the sandbox.
import type { PrismaClient } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { getEnv, providerModes, type Env } from "~/utils/env.server";
import type { MessagingProvider } from "./messaging.types";
import { createSandboxMessagingProvider } from "./sandbox.server";
import { createTwilioMessagingProvider } from "./twilio.server";

export * from "./messaging.types";
export { createSandboxMessagingProvider, sandboxDeliveryPlan, signSandboxTwilioWebhook, SANDBOX_TWILIO_AUTH_TOKEN, type SandboxStatusStep } from "./sandbox.server";
export { createTwilioMessagingProvider, RebasedRequestClient, type TwilioConfig } from "./twilio.server";

/** Builds the provider an environment asks for, without reading process.env. */
export function messagingProviderFromEnv(env: Env, db: PrismaClient = prisma): MessagingProvider {
  if (providerModes(env).messaging === "twilio") {
    return createTwilioMessagingProvider({
      accountSid: env.TWILIO_ACCOUNT_SID!,
      authToken: env.TWILIO_AUTH_TOKEN!,
      apiBaseUrl: env.TWILIO_API_BASE_URL,
    });
  }
  return createSandboxMessagingProvider({ db });
}

let chosen: MessagingProvider | undefined;

/** The process's messaging provider, chosen on first use. */
export function getMessagingProvider(): MessagingProvider {
  chosen ??= messagingProviderFromEnv(getEnv());
  return chosen;
}
