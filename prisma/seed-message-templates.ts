// Demo templates: one approved WhatsApp and one approved SMS template with named variables, so the
// chat can send a template (also outside WhatsApp's 24-hour window) on the sandbox channels.
import type { PrismaClient } from "../app/generated/prisma/client";
import { createMessageTemplate } from "./factories-conversations";
import type { WorkspaceSeedContext } from "./seed-workspace";

export const DEMO_TEMPLATES = [
  {
    name: "course_follow_up",
    channelKind: "WHATSAPP",
    body: "Hi {{firstName}}, thanks for asking about {{productName}}. Shall I send you the payment link?",
    contentSid: `HX${"d3e0".repeat(8)}`,
  },
  {
    name: "payment_reminder",
    channelKind: "SMS",
    body: "Hi {{firstName}}, your {{productName}} payment link is still open. Reply STOP to opt out.",
    contentSid: null,
  },
] as const;

export async function seedMessageTemplates(db: PrismaClient, context: Pick<WorkspaceSeedContext, "organizationId">): Promise<void> {
  for (const template of DEMO_TEMPLATES) {
    await createMessageTemplate(db, { organizationId: context.organizationId, approvalStatus: "APPROVED", ...template });
  }
}
