import type { ConsentChannel, ConsentStatus } from "~/generated/prisma/enums";
import { findConsent, findContact, findUserName, touchContact, upsertConsent } from "~/models/contact.server";
import type { Actor, CommandContext, CommandTx } from "~/services/command.server";
import { recordContactEvents } from "~/services/contact-events.server";
import { publishLiveEvent } from "~/services/live-events.server";
import { contactNotFound } from "~/services/contact/contact-not-found.server";

/** How a decision was recorded: "Manual by Aisha Khan", or the part of the system that acted ("Web form: Pricing"). */
async function consentSource(tx: CommandTx, actor: Actor): Promise<string> {
  if (actor.label) return actor.label.slice(0, 120);
  const user = actor.userId ? await findUserName(tx, { userId: actor.userId }) : null;
  return `Manual by ${user?.name ?? "someone"}`.slice(0, 120);
}

/**
 * Records a person's decision on a channel: opted in or out, when, by whom and why.
 * A consent decision is something the person did, so it moves lastActivityAt.
 */
export async function setConsent(
  tx: CommandTx,
  { organizationId, actor }: CommandContext,
  input: { contactId: string; channel: ConsentChannel; status: ConsentStatus; reason: string },
) {
  const contact = await findContact(tx, { organizationId, id: input.contactId });
  if (!contact) throw contactNotFound();
  const source = await consentSource(tx, actor);
  const before = await findConsent(tx, { organizationId, contactId: contact.id, channel: input.channel });
  const consent = await upsertConsent(tx, {
    organizationId,
    contactId: contact.id,
    channel: input.channel,
    status: input.status,
    source,
    changedById: actor.userId,
  });
  await recordContactEvents(tx, organizationId, actor, [
    {
      contactId: contact.id,
      type: "CONSENT_CHANGED",
      data: { channel: input.channel, before: before?.status ?? null, after: input.status, source, reason: input.reason },
    },
  ]);
  await touchContact(tx, { organizationId, id: contact.id });
  await publishLiveEvent(tx, organizationId, { type: "contact.changed", contactIds: [contact.id] });
  return { channel: consent.channel, status: consent.status, changedAt: consent.changedAt, source: consent.source };
}
