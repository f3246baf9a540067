// Demo website form: "Free indicator trial", with a few submissions from demo contacts.
import type { PrismaClient } from "../app/generated/prisma/client";
import { recordContactEvents } from "../app/services/contact-events.server";
import { ensureTags } from "../app/models/tag.server";
import { createWebForm } from "./factories-imports";
import type { WorkspaceSeedContext } from "./seed-workspace";

const MESSAGES = [
  "Does the trial work on BankNifty options?",
  "Please share the setup video for TradingView.",
  "Interested in the Nifty trend indicator, what is the price after the trial?",
];

export async function seedWebForms(db: PrismaClient, context: WorkspaceSeedContext): Promise<void> {
  const form = await createWebForm(db, {
    organizationId: context.organizationId,
    name: "Free indicator trial",
    tagNames: ["webinar-lead"],
  });
  const contacts = await db.contact.findMany({
    where: { organizationId: context.organizationId, id: { in: context.contactIds.slice(0, MESSAGES.length) } },
    select: { id: true, name: true, phone: true, email: true },
    orderBy: { createdAt: "asc" },
  });
  const [tag] = await ensureTags(db, { organizationId: context.organizationId, names: form.tagNames });
  const actor = { userId: null, label: `Web form: ${form.name}` };
  for (const [index, contact] of contacts.entries()) {
    const message = MESSAGES[index % MESSAGES.length]!;
    const submission = await db.formSubmission.create({
      data: {
        organizationId: context.organizationId,
        formId: form.id,
        contactId: contact.id,
        payload: { name: contact.name, phone: contact.phone, ...(contact.email ? { email: contact.email } : {}), message },
        ipAddress: `203.0.113.${20 + index}`,
        createdAt: new Date(Date.now() - (index + 1) * 26 * 60 * 60 * 1000),
      },
    });
    if (tag) {
      await db.contactTag.createMany({
        data: [{ organizationId: context.organizationId, contactId: contact.id, tagId: tag.id }],
        skipDuplicates: true,
      });
    }
    await recordContactEvents(db, context.organizationId, actor, [
      {
        contactId: contact.id,
        type: "FORM_SUBMITTED",
        data: { formId: form.id, formName: form.name, submissionId: submission.id, message },
      },
    ]);
  }
}
