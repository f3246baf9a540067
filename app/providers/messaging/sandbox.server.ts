// Offline WhatsApp and SMS: messages land in the sandbox outbox with a Twilio-like SID.
// Webhooks from the phone simulator are signed with SANDBOX_TWILIO_AUTH_TOKEN exactly as Twilio signs them.
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import { randomId, recordOutboxEntries, SANDBOX_PROVIDER, type OutboxEntry } from "~/providers/sandbox-outbox.server";
import { createMicroBatcher } from "~/utils/micro-batch";
import {
  sendTemplateInputSchema,
  sendTextInputSchema,
  type MessagingProvider,
  type SendMessageResult,
} from "./messaging.types";
import { signTwilioRequest, verifyTwilioSignature } from "./twilio-signature.server";

/** Not a secret: it only authenticates the sandbox to itself. */
export const SANDBOX_TWILIO_AUTH_TOKEN = "leadlane-sandbox-twilio-auth-token";

/** The X-Twilio-Signature the sandbox expects for a webhook posted to `url` with `params`. */
export function signSandboxTwilioWebhook(url: string, params: Record<string, string>): string {
  return signTwilioRequest(SANDBOX_TWILIO_AUTH_TOKEN, url, params);
}

export type SandboxMessagingConfig = { db: PrismaClient };

export function createSandboxMessagingProvider({ db }: SandboxMessagingConfig): MessagingProvider {
  // Sends made at the same moment (a batch of send jobs) land in the outbox in one statement.
  const outbox = createMicroBatcher<OutboxEntry, void>(
    async (entries) => {
      await recordOutboxEntries(db, entries);
      return new Map(entries.map((entry) => [entry, { ok: true, value: undefined }]));
    },
    { maxBatch: 200, maxInFlight: 2, gatherSameTurn: true },
  );

  async function record(
    input: { organizationId: string; channel: "WHATSAPP" | "SMS"; from: string; to: string; statusCallbackUrl?: string },
    body: string,
    template: Prisma.InputJsonObject | null,
  ): Promise<SendMessageResult> {
    const externalId = `SM${randomId(32, "hex")}`;
    await outbox.add({
      organizationId: input.organizationId,
      channel: input.channel,
      toAddress: input.to,
      fromAddress: input.from,
      body,
      payload: { status: "queued", statusCallbackUrl: input.statusCallbackUrl ?? null, template },
      externalId,
    });
    return { provider: SANDBOX_PROVIDER, externalId, status: "queued" };
  }

  return {
    name: "sandbox",
    async sendText(input) {
      const parsed = sendTextInputSchema.parse(input);
      return record(parsed, parsed.body, null);
    },
    async sendTemplate(input) {
      const { contentSid, templateName, variables, renderedBody, ...rest } = sendTemplateInputSchema.parse(input);
      return record(rest, renderedBody, { contentSid, name: templateName ?? null, variables });
    },
    verifyWebhookSignature: (input) => verifyTwilioSignature(SANDBOX_TWILIO_AUTH_TOKEN, input),
  };
}

export type SandboxStatusStep = { status: "SENT" | "DELIVERED" | "READ" | "UNDELIVERED"; afterMs: number; errorCode: string | null; errorMessage: string | null };

/**
 * What Twilio would report for a sandbox send, and how long after it: sent, delivered, read over a
 * few seconds; a number ending in 0000 is a landline, reported undelivered with Twilio's 30006.
 */
export function sandboxDeliveryPlan(to: string): SandboxStatusStep[] {
  if (/0000$/.test(to)) {
    return [
      { status: "SENT", afterMs: 1_000, errorCode: null, errorMessage: null },
      { status: "UNDELIVERED", afterMs: 2_500, errorCode: "30006", errorMessage: "Landline or unreachable carrier" },
    ];
  }
  return [
    { status: "SENT", afterMs: 1_000, errorCode: null, errorMessage: null },
    { status: "DELIVERED", afterMs: 2_500, errorCode: null, errorMessage: null },
    { status: "READ", afterMs: 5_000, errorCode: null, errorMessage: null },
  ];
}
