// Offline email: nothing leaves the machine; the message lands in the sandbox outbox.
import type { PrismaClient } from "~/generated/prisma/client";
import { randomId, recordOutboxEntry, SANDBOX_PROVIDER } from "~/providers/sandbox-outbox.server";
import type { EmailMessage, EmailProvider, EmailSendResult } from "./email.types";
import { idempotencyDigest } from "./idempotency";

export type SandboxEmailConfig = { db: PrismaClient; from: string };

export function createSandboxEmailProvider(config: SandboxEmailConfig): EmailProvider {
  return {
    name: "sandbox",
    async send(message: EmailMessage): Promise<EmailSendResult> {
      // With an idempotency key the id is derived from it, so a retry finds the first send instead of adding another.
      const externalId = `sbx_em_${message.idempotencyKey ? idempotencyDigest(message.organizationId, message.idempotencyKey, 20) : randomId(20)}`;
      await recordOutboxEntry(config.db, {
        organizationId: message.organizationId,
        channel: "EMAIL",
        toAddress: message.to,
        fromAddress: config.from,
        subject: message.subject,
        body: message.text,
        payload: message.html === undefined ? {} : { html: message.html },
        externalId,
      });
      return { provider: SANDBOX_PROVIDER, externalId };
    },
  };
}
