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
  // One statement with the rows as one JSON parameter: a batch of hundreds costs what one row does.
  const rows = events.map((event, position) => ({ position, contactId: event.contactId, type: event.type, data: event.data ?? {} }));
  await tx.$executeRaw`
    INSERT INTO "ContactEvent" ("organizationId", "contactId", "type", "actorId", "actorLabel", "data")
    SELECT ${organizationId}::uuid, e."contactId", e."type", ${actor.userId}::uuid, ${actor.label ?? null}, e."data"
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS e("position" int, "contactId" uuid, "type" text, "data" jsonb)
     ORDER BY e."position"`;
}
