export type EmailMessage = {
  organizationId: string | null;
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** The same key twice sends once (where the provider can tell). */
  idempotencyKey?: string;
};

export type EmailSendResult = { provider: string; externalId: string };

export interface EmailProvider {
  readonly name: "smtp" | "sandbox";
  send(message: EmailMessage): Promise<EmailSendResult>;
}
