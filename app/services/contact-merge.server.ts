// Merges a duplicate contact into a survivor, inside the caller's transaction:
// timeline, notes, follow-ups, deals and form submissions move over; tags are
// united (a manual tag beats an AI one, and between AI tags the most confident
// wins); per channel the most recent consent decision wins; the survivor's
// empty fields are filled from the duplicate and message/payment totals add
// up; a MERGED event records it all; the duplicate is deleted.
import type { Prisma } from "~/generated/prisma/client";
import { findContact, lockContacts } from "~/models/contact.server";
import { recordContactEvents, type Actor } from "~/services/contact-events.server";
import type { FieldChange } from "~/utils/contact-event";

type Tx = Prisma.TransactionClient;

export type MergeSummary = {
  survivorId: string;
  duplicate: { id: string; name: string; phone: string; email: string | null };
  moved: { events: number; notes: number; followUps: number; deals: number; submissions: number; tags: number; consents: number };
  filled: FieldChange[];
};

const later = (a: Date | null, b: Date | null) => (a && b ? (a > b ? a : b) : (a ?? b));

/** Returns null when either contact is not in the organization (nothing is changed then). */
export async function mergeContacts(
  tx: Tx,
  { organizationId, survivorId, duplicateId, actor }: { organizationId: string; survivorId: string; duplicateId: string; actor: Actor },
): Promise<MergeSummary | null> {
  const locked = await lockContacts(tx, { organizationId, ids: [survivorId, duplicateId] });
  if (locked.size !== 2 || survivorId === duplicateId) return null;
  const survivor = await findContact(tx, { organizationId, id: survivorId });
  const duplicate = await findContact(tx, { organizationId, id: duplicateId });
  if (!survivor || !duplicate) return null;
  const scope = { organizationId };

  // Tags: union. (One query at a time: a transaction is one connection.)
  const survivorTags = await tx.contactTag.findMany({ where: { ...scope, contactId: survivor.id } });
  const duplicateTags = await tx.contactTag.findMany({ where: { ...scope, contactId: duplicate.id } });
  const onSurvivor = new Map(survivorTags.map((link) => [link.tagId, link]));
  let tagsMoved = 0;
  for (const link of duplicateTags) {
    const mine = onSurvivor.get(link.tagId);
    const key = { organizationId_contactId_tagId: { organizationId, contactId: survivor.id, tagId: link.tagId } };
    if (!mine) {
      await tx.contactTag.create({
        data: { ...scope, contactId: survivor.id, tagId: link.tagId, source: link.source, confidence: link.confidence, createdAt: link.createdAt },
      });
      tagsMoved += 1;
    } else if (mine.source === "AI" && link.source === "MANUAL") {
      await tx.contactTag.update({ where: key, data: { source: "MANUAL", confidence: null } });
    } else if (mine.source === "AI" && link.source === "AI" && (link.confidence ?? 0) > (mine.confidence ?? 0)) {
      await tx.contactTag.update({ where: key, data: { confidence: link.confidence } });
    }
  }

  // Consent: per channel, the most recent decision.
  const survivorConsents = await tx.contactConsent.findMany({ where: { ...scope, contactId: survivor.id } });
  const duplicateConsents = await tx.contactConsent.findMany({ where: { ...scope, contactId: duplicate.id } });
  const consentOf = new Map(survivorConsents.map((consent) => [consent.channel, consent]));
  let consentsMoved = 0;
  for (const consent of duplicateConsents) {
    const mine = consentOf.get(consent.channel);
    if (mine && mine.changedAt >= consent.changedAt) continue;
    const data = { status: consent.status, source: consent.source, changedById: consent.changedById, changedAt: consent.changedAt };
    await tx.contactConsent.upsert({
      where: { organizationId_contactId_channel: { organizationId, contactId: survivor.id, channel: consent.channel } },
      create: { ...scope, contactId: survivor.id, channel: consent.channel, ...data },
      update: data,
    });
    consentsMoved += 1;
  }

  // Everything else that points at the duplicate.
  const events = await tx.$executeRaw`
    UPDATE "ContactEvent"
       SET "contactId" = ${survivor.id}::uuid,
           "data" = "data" || jsonb_build_object('mergedFrom', jsonb_build_object('id', ${duplicate.id}::text, 'name', ${duplicate.name}::text))
     WHERE "organizationId" = ${organizationId}::uuid AND "contactId" = ${duplicate.id}::uuid`;
  const moveTo = { contactId: survivor.id };
  const fromDuplicate = { ...scope, contactId: duplicate.id };
  const notes = (await tx.note.updateMany({ where: fromDuplicate, data: moveTo })).count;
  const followUps = (await tx.followUp.updateMany({ where: fromDuplicate, data: moveTo })).count;
  // A deal's contact is one of its fields: a new version, saved by whoever merged (a stale deal form is refused).
  const deals = (
    await tx.deal.updateMany({ where: fromDuplicate, data: { ...moveTo, updatedById: actor.userId, version: { increment: 1 } } })
  ).count;
  const submissions = (await tx.formSubmission.updateMany({ where: fromDuplicate, data: moveTo })).count;

  // Fill what the survivor lacks.
  const filled: FieldChange[] = [];
  const data: Prisma.ContactUncheckedUpdateManyInput = {};
  for (const field of ["email", "ownerId", "companyId", "aiSummary"] as const) {
    if (survivor[field] === null && duplicate[field] !== null) {
      data[field] = duplicate[field];
      filled.push({ field, before: null, after: duplicate[field] });
    }
  }
  const survivorFields = (survivor.customFields ?? {}) as Record<string, unknown>;
  const duplicateFields = (duplicate.customFields ?? {}) as Record<string, unknown>;
  const mergedFields = { ...survivorFields };
  for (const [key, value] of Object.entries(duplicateFields)) {
    if (mergedFields[key] === undefined || mergedFields[key] === null || mergedFields[key] === "") {
      mergedFields[key] = value;
      filled.push({ field: `customFields.${key}`, before: null, after: value });
    }
  }
  if (Object.keys(mergedFields).length !== Object.keys(survivorFields).length) {
    data.customFields = mergedFields as Prisma.InputJsonObject;
  }
  const survivorInterests = (survivor.interests ?? {}) as Record<string, unknown>;
  const duplicateInterests = (duplicate.interests ?? {}) as Record<string, unknown>;
  if (Object.keys(survivorInterests).length === 0 && Object.keys(duplicateInterests).length > 0) {
    data.interests = duplicateInterests as Prisma.InputJsonObject;
    filled.push({ field: "interests", before: null, after: duplicateInterests });
  }
  data.messageCount = survivor.messageCount + duplicate.messageCount;
  data.amountSpentPaise = survivor.amountSpentPaise + duplicate.amountSpentPaise;
  data.lastMessageAt = later(survivor.lastMessageAt, duplicate.lastMessageAt);
  data.lastPaymentAt = later(survivor.lastPaymentAt, duplicate.lastPaymentAt);

  await tx.contact.deleteMany({ where: { ...scope, id: duplicate.id } });
  await tx.contact.updateMany({
    where: { ...scope, id: survivor.id },
    data: { ...data, version: { increment: 1 }, updatedById: actor.userId ?? undefined, lastActivityAt: new Date() },
  });

  const summary: MergeSummary = {
    survivorId: survivor.id,
    duplicate: { id: duplicate.id, name: duplicate.name, phone: duplicate.phone, email: duplicate.email },
    moved: { events, notes, followUps, deals, submissions, tags: tagsMoved, consents: consentsMoved },
    filled,
  };
  await recordContactEvents(tx, organizationId, actor, [
    { contactId: survivor.id, type: "MERGED", data: JSON.parse(JSON.stringify(summary)) as Prisma.InputJsonObject },
  ]);
  return summary;
}
