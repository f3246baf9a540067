// Email over SMTP with nodemailer (SMTP_URL, SMTP_FROM).
import nodemailer from "nodemailer";
import type { Transporter } from "nodemailer";
import { ProviderError } from "~/providers/provider-error";
import type { EmailMessage, EmailProvider, EmailSendResult } from "./email.types";
import { idempotencyDigest } from "./idempotency";

export type SmtpConfig = {
  /** smtp://user:pass@host:587 or smtps://user:pass@host:465 */
  url: string;
  /** The From header, e.g. `Leadlane <no-reply@example.com>`. */
  from: string;
};

export function createSmtpEmailProvider(config: SmtpConfig): EmailProvider {
  const transporter: Transporter = nodemailer.createTransport(config.url);
  const domain = /@([^>\s]+)>?\s*$/.exec(config.from)?.[1] ?? "leadlane.local";
  return {
    name: "smtp",
    async send(message: EmailMessage): Promise<EmailSendResult> {
      try {
        const info = await transporter.sendMail({
          from: config.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html,
          // SMTP cannot refuse a repeat, but a stable Message-ID lets mailboxes drop the duplicate of a retried send.
          messageId: message.idempotencyKey
            ? `<${idempotencyDigest(message.organizationId, message.idempotencyKey)}@${domain}>`
            : undefined,
        });
        return { provider: "smtp", externalId: info.messageId };
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode;
        // SMTP 4xx replies are temporary, 5xx permanent; no reply at all means the server was unreachable.
        throw new ProviderError("smtp", (error as Error).message, {
          code: code ? String(code) : undefined,
          retryable: code === undefined || code < 500,
          cause: error,
        });
      }
    },
  };
}
