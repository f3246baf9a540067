// Writes the contact timeline. Call it inside the transaction that makes the
// change, so the timeline and the data never disagree.
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import type { ContactEventType } from "~/utils/contact-event";

type Tx = Prisma.TransactionClient | PrismaClient;

/** Who did it: a person, or a named part of the system ("Import", "Web form", "Workflow"). */
export type Actor = { userId: string | null; label?: string };

export type ContactEventInput = {
  contactId: string;
  type: ContactEventType;
  data?: Prisma.InputJsonObject;
};

export async function recordContactEvents(
  tx: Tx,
  organizationId: string,
  actor: Actor,
  events: ContactEventInput[],
): Promise<void> {
  if (events.length === 0) return;
  await tx.contactEvent.createMany({
    data: events.map((event) => ({
      organizationId,
      contactId: event.contactId,
      type: event.type,
      actorId: actor.userId,
      actorLabel: actor.label ?? null,
      data: event.data ?? {},
    })),
  });
}
