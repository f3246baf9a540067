// Payloads of every background task, parsed with zod on the task's first line
// because jobs queued by an older release may still be waiting.
import { z } from "zod";

export const taskPayloadSchemas = {
  invitation_send: z.object({ invitationId: z.uuid(), token: z.string().min(20) }),
  signup_email_send: z.object({ signUpRequestId: z.uuid(), token: z.string().min(20) }),
  sessions_purge: z.object({}).passthrough(),
  contacts_bulk_apply: z.object({ operationId: z.uuid() }),
  contacts_import: z.object({ importId: z.uuid() }),
  messages_receive_email: z.object({ webhookEventId: z.uuid() }),
} as const;

export type TaskName = keyof typeof taskPayloadSchemas;
export type TaskPayloads = { [K in TaskName]: z.infer<(typeof taskPayloadSchemas)[K]> };
