import { TRPCError } from "@trpc/server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { CreateContactInput } from "~/trpc/routers/contact/create.schema";
import {
  assertNoDuplicate,
  isPhoneUniqueViolation,
  resolveCompany,
  resolveCustomFields,
  resolveOwner,
} from "~/trpc/routers/contact/contact-references.server";
import { insertContact } from "~/models/contact.server";
import { recordContactEvents } from "~/services/contact-events.server";
import { publishLiveEvent } from "~/services/live-events.server";
import { can } from "~/utils/permissions";
import { userActor } from "~/services/command.server";

export async function createContactHandler({ ctx, input }: { ctx: OrgScopedContext; input: CreateContactInput }) {
  if (!can(ctx.org.role, "create:contact:any")) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Your role can't add contacts." });
  }
  const organizationId = ctx.org.id;
  const owner = await resolveOwner(ctx, ctx.db, input.ownerId ?? null);
  const company = await resolveCompany(ctx, ctx.db, input.companyId ?? null);
  const email = input.email ?? null;
  await assertNoDuplicate(ctx, ctx.db, { phone: input.phone, email });

  try {
    const contact = await ctx.db.$transaction(async (tx) => {
      // Checked inside the transaction that saves them (see lockCustomFieldsShared).
      const { values: customFields } = await resolveCustomFields(ctx, tx, {}, input.customFields);
      const created = await insertContact(tx, {
        organizationId,
        name: input.name,
        phone: input.phone,
        email,
        source: input.source,
        stage: input.stage,
        temperature: input.temperature,
        score: input.score,
        ownerId: owner?.id ?? null,
        companyId: company?.id ?? null,
        customFields,
        updatedById: ctx.user.id,
        lastActivityAt: new Date(),
      });
      await recordContactEvents(tx, organizationId, userActor(ctx.user.id), [
        {
          contactId: created.id,
          type: "CREATED",
          data: {
            source: input.source,
            stage: input.stage,
            temperature: input.temperature,
            score: input.score,
            owner: owner ? { id: owner.id, name: owner.name } : null,
            company: company ? { id: company.id, name: company.name } : null,
          },
        },
      ]);
      await publishLiveEvent(tx, organizationId, { type: "contact.changed", contactIds: [created.id] });
      return created;
    });
    return { id: contact.id, name: contact.name, version: contact.version };
  } catch (error) {
    // Two people adding the same number at once: the unique index decides, and the loser hears who won.
    if (isPhoneUniqueViolation(error)) await assertNoDuplicate(ctx, ctx.db, { phone: input.phone });
    throw error;
  }
}
