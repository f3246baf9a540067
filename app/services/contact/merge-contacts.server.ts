// Merges a duplicate contact into a survivor, inside the caller's transaction:
// timeline, notes, follow-ups, deals and form submissions move over; tags are
// united (a manual tag beats an AI one, and between AI tags the most confident
// wins); per channel the most recent consent decision wins; each field keeps
// the value chosen (by default the survivor's, or the duplicate's where the
// survivor has none); the phone and email not kept, and the duplicate's
// secondary ones, become the survivor's secondary identities; message/payment
// totals add up; a MERGED event records it all; the duplicate is deleted.
import type { Prisma } from "~/generated/prisma/client";
import type { ContactIdentityKind } from "~/generated/prisma/enums";
import { findContact, lockContacts } from "~/models/contact.server";
import { TRPCError } from "@trpc/server";
import type { CommandContext } from "~/services/command.server";
import { recordContactEvents } from "~/services/contact-events.server";
import { publishLiveEvent } from "~/services/live-events.server";
import type { FieldChange } from "~/utils/contact-event";
import { MERGE_FIELDS, defaultMergeSide, isBlankValue, type MergeKeep } from "~/domain/contact/merge.schema";
import { fieldErrors } from "~/domain/contact/contact-errors";
import { PHONE_OR_EMAIL_MESSAGE } from "~/domain/contact/contact-fields.schema";

type Tx = Prisma.TransactionClient;

export type MergeSummary = {
  survivorId: string;
  duplicate: { id: string; name: string; phone: string | null; email: string | null };
  moved: { events: number; notes: number; followUps: number; deals: number; submissions: number; tags: number; consents: number };
  /** Values taken from the duplicate (ownerId and companyId as their names in `afterLabel`). */
  filled: Array<FieldChange & { afterLabel?: string | null }>;
  /** Phones and emails the survivor now also answers to. */
  identities: Array<{ kind: ContactIdentityKind; value: string }>;
};

const later = (a: Date | null, b: Date | null) => (a && b ? (a > b ? a : b) : (a ?? b));

export type MergeContactsInput = {
  survivorId: string;
  duplicateId: string;
  keep?: MergeKeep;
  /** The versions the person saw; a merge based on an older one is refused (CONFLICT). */
  survivorVersion?: number;
  duplicateVersion?: number;
};

/**
 * The merge command. Returns null when either contact is not in the
 * organization (nothing is changed then). Who may merge is the caller's check.
 */
export async function mergeContacts(
  tx: Tx,
  { organizationId, actor }: CommandContext,
  { survivorId, duplicateId, keep, survivorVersion, duplicateVersion }: MergeContactsInput,
): Promise<MergeSummary | null> {
  const locked = await lockContacts(tx, { organizationId, ids: [survivorId, duplicateId] });
  if (locked.size !== 2 || survivorId === duplicateId) return null;
  const survivor = await findContact(tx, { organizationId, id: survivorId });
  const duplicate = await findContact(tx, { organizationId, id: duplicateId });
  if (!survivor || !duplicate) return null;
  assertVersionsSeen([
    [survivor, survivorVersion],
    [duplicate, duplicateVersion],
  ]);
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

  // Each field keeps the chosen side's value.
  const filled: MergeSummary["filled"] = [];
  const data: Prisma.ContactUncheckedUpdateManyInput = {};
  const labels = await referenceLabels(tx, organizationId, duplicate);
  for (const field of MERGE_FIELDS) {
    const side = keep?.[field] ?? defaultMergeSide(survivor[field], duplicate[field]);
    if (side !== "duplicate" || survivor[field] === duplicate[field]) continue;
    (data as Record<string, unknown>)[field] = duplicate[field];
    const afterLabel = field === "ownerId" ? labels.owner : field === "companyId" ? labels.company : undefined;
    filled.push({ field, before: survivor[field], after: duplicate[field], ...(afterLabel !== undefined ? { afterLabel } : {}) });
  }
  if (survivor.aiSummary === null && duplicate.aiSummary !== null) {
    data.aiSummary = duplicate.aiSummary;
    filled.push({ field: "aiSummary", before: null, after: duplicate.aiSummary });
  }
  const survivorFields = (survivor.customFields ?? {}) as Record<string, unknown>;
  const duplicateFields = (duplicate.customFields ?? {}) as Record<string, unknown>;
  const mergedFields = { ...survivorFields };
  let fieldsChanged = false;
  for (const key of new Set([...Object.keys(survivorFields), ...Object.keys(duplicateFields)])) {
    const side = keep?.customFields?.[key] ?? defaultMergeSide(survivorFields[key], duplicateFields[key]);
    const before = isBlankValue(survivorFields[key]) ? null : survivorFields[key];
    const after = isBlankValue(duplicateFields[key]) ? null : duplicateFields[key];
    if (side !== "duplicate" || before === after) continue;
    if (after === null) delete mergedFields[key];
    else mergedFields[key] = after;
    fieldsChanged = true;
    filled.push({ field: `customFields.${key}`, before, after });
  }
  if (fieldsChanged) data.customFields = mergedFields as Prisma.InputJsonObject;
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

  // The phone and email not kept stay reachable as secondary identities (moved before the duplicate's rows cascade away).
  // Either contact may lack a phone (or an email), but the survivor must keep one of the two.
  const phone = data.phone !== undefined ? (data.phone as string | null) : survivor.phone;
  const email = data.email !== undefined ? (data.email as string | null) : survivor.email;
  if (!phone && !email) throw fieldErrors({ phone: PHONE_OR_EMAIL_MESSAGE });
  await tx.contactIdentity.updateMany({ where: fromDuplicate, data: moveTo });
  await tx.contactIdentity.deleteMany({
    where: {
      ...scope,
      contactId: survivor.id,
      OR: [...(phone ? [{ kind: "PHONE" as const, value: phone }] : []), ...(email ? [{ kind: "EMAIL" as const, value: email }] : [])],
    },
  });
  const identities = secondaryIdentities({ phone, email }, [survivor, duplicate]);
  const added = identities.length
    ? await tx.contactIdentity.createManyAndReturn({
        data: identities.map((identity) => ({ ...scope, contactId: survivor.id, ...identity })),
        skipDuplicates: true,
        select: { kind: true, value: true },
      })
    : [];

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
    identities: added,
  };
  await recordContactEvents(tx, organizationId, actor, [
    { contactId: survivor.id, type: "MERGED", data: JSON.parse(JSON.stringify(summary)) as Prisma.InputJsonObject },
  ]);
  await publishLiveEvent(tx, organizationId, { type: "contact.changed", contactIds: [survivor.id, duplicate.id] });
  return summary;
}

function assertVersionsSeen(pairs: Array<[{ name: string; version: number }, number | undefined]>) {
  for (const [contact, version] of pairs) {
    if (version !== undefined && version !== contact.version) {
      throw new TRPCError({
        code: "CONFLICT",
        message: `${contact.name} was changed since you opened this page. Check the values and merge again.`,
      });
    }
  }
}

/** The loser's phone and the emails not kept, as secondary identities of the survivor. */
function secondaryIdentities(
  kept: { phone: string | null; email: string | null },
  contacts: Array<{ phone: string | null; email: string | null }>,
): Array<{ kind: ContactIdentityKind; value: string }> {
  const out = new Map<string, { kind: ContactIdentityKind; value: string }>();
  for (const contact of contacts) {
    if (contact.phone && contact.phone !== kept.phone) out.set(`PHONE:${contact.phone}`, { kind: "PHONE", value: contact.phone });
    if (contact.email && contact.email !== kept.email) out.set(`EMAIL:${contact.email}`, { kind: "EMAIL", value: contact.email });
  }
  return [...out.values()];
}

/** Names of the duplicate's owner and company, for the timeline. */
async function referenceLabels(tx: Tx, organizationId: string, contact: { ownerId: string | null; companyId: string | null }) {
  const owner = contact.ownerId ? await tx.user.findUnique({ where: { id: contact.ownerId }, select: { name: true } }) : null;
  const company = contact.companyId
    ? await tx.company.findFirst({ where: { organizationId, id: contact.companyId }, select: { name: true } })
    : null;
  return { owner: owner?.name ?? null, company: company?.name ?? null };
}
