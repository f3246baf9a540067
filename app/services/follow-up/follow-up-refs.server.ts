// What the follow-up commands share: loading a follow-up or its contact inside
// the organization (another organization's id is not found), and closing one
// (done or cancelled) on the contact's timeline.
import { TRPCError } from "@trpc/server";
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import { findContact, touchContact } from "~/models/contact.server";
import { findFollowUp } from "~/models/follow-up.server";
import type { CommandContext, CommandTx } from "~/services/command.server";
import { recordContactEvents } from "~/services/contact-events.server";
import { publishLiveEvent } from "~/services/live-events.server";

type Tx = Prisma.TransactionClient | PrismaClient;
type Scope = { organizationId: string };

export const FOLLOW_UP_NOT_FOUND = "Follow-up not found.";

export async function loadFollowUp(db: Tx, { organizationId, id }: Scope & { id: string }) {
  const followUp = await findFollowUp(db, { organizationId, id });
  if (!followUp) throw new TRPCError({ code: "NOT_FOUND", message: FOLLOW_UP_NOT_FOUND });
  return followUp;
}

export async function loadFollowUpContact(db: Tx, { organizationId, contactId }: Scope & { contactId: string }) {
  const contact = await findContact(db, { organizationId, id: contactId });
  if (!contact) throw new TRPCError({ code: "NOT_FOUND", message: "Contact not found." });
  return contact;
}

type ClosedFollowUp = { id: string; contactId: string; kind: string; dueAt: Date; note: string };

/** The timeline event, the contact's activity and the live events for a follow-up just marked done or cancelled. */
export async function recordFollowUpClosed(
  tx: CommandTx,
  { organizationId, actor }: CommandContext,
  followUp: ClosedFollowUp,
  type: "FOLLOW_UP_DONE" | "FOLLOW_UP_CANCELLED",
) {
  await recordContactEvents(tx, organizationId, actor, [
    {
      contactId: followUp.contactId,
      type,
      data: { followUpId: followUp.id, kind: followUp.kind, dueAt: followUp.dueAt.toISOString(), note: followUp.note },
    },
  ]);
  await touchContact(tx, { organizationId, id: followUp.contactId });
  await publishLiveEvent(tx, organizationId, { type: "followUp.changed", followUpId: followUp.id, contactId: followUp.contactId });
  await publishLiveEvent(tx, organizationId, { type: "contact.changed", contactIds: [followUp.contactId] });
}
