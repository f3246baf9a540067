import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { SetConsentInput } from "~/trpc/routers/contact/set-consent.schema";
import { loadEditableContact } from "~/trpc/routers/contact/contact-access.server";
import { findConsent, touchContact, upsertConsent } from "~/models/contact.server";
import { recordContactEvents } from "~/services/contact-events.server";
import { publishLiveEvent } from "~/services/live-events.server";
import { userActor } from "~/services/command.server";

/** Records a person's decision on a channel: opted in or out, when, by whom and why. */
export async function setConsentHandler({ ctx, input }: { ctx: OrgScopedContext; input: SetConsentInput }) {
  const organizationId = ctx.org.id;
  const contact = await loadEditableContact(ctx, input.id);
  const source = `Manual by ${ctx.user.name}`.slice(0, 120);
  return ctx.db.$transaction(async (tx) => {
    const before = await findConsent(tx, { organizationId, contactId: contact.id, channel: input.channel });
    const consent = await upsertConsent(tx, {
      organizationId,
      contactId: contact.id,
      channel: input.channel,
      status: input.status,
      source,
      changedById: ctx.user.id,
    });
    await recordContactEvents(tx, organizationId, userActor(ctx.user.id), [
      {
        contactId: contact.id,
        type: "CONSENT_CHANGED",
        data: {
          channel: input.channel,
          before: before?.status ?? null,
          after: input.status,
          source,
          reason: input.reason,
        },
      },
    ]);
    await touchContact(tx, { organizationId, id: contact.id });
    await publishLiveEvent(tx, organizationId, { type: "contact.changed", contactIds: [contact.id] });
    return { channel: consent.channel, status: consent.status, changedAt: consent.changedAt, source: consent.source };
  });
}
