// Builders for a contact's details (custom fields, tags, notes, consent,
// follow-ups, timeline), shared by the seed and the tests.
import type { PrismaClient } from "../app/generated/prisma/client";
import type {
  ConsentChannel,
  ConsentStatus,
  CustomFieldType,
  FollowUpKind,
  FollowUpStatus,
  TagSource,
} from "../app/generated/prisma/enums";
import type { ContactEventType } from "../app/utils/contact-event";

export async function createCustomField(
  db: PrismaClient,
  input: { organizationId: string; key: string; label: string; type: CustomFieldType; options?: string[]; position?: number },
) {
  const position =
    input.position ??
    ((await db.customFieldDefinition.aggregate({ where: { organizationId: input.organizationId }, _max: { position: true } }))
      ._max.position ?? -1) + 1;
  return db.customFieldDefinition.create({
    data: {
      organizationId: input.organizationId,
      key: input.key,
      label: input.label,
      type: input.type,
      options: input.options ?? [],
      position,
    },
  });
}

export function tagContact(
  db: PrismaClient,
  input: { organizationId: string; contactId: string; tagId: string; source?: TagSource; confidence?: number | null },
) {
  return db.contactTag.upsert({
    where: {
      organizationId_contactId_tagId: { organizationId: input.organizationId, contactId: input.contactId, tagId: input.tagId },
    },
    create: {
      organizationId: input.organizationId,
      contactId: input.contactId,
      tagId: input.tagId,
      source: input.source ?? "MANUAL",
      confidence: input.source === "AI" ? (input.confidence ?? 0.8) : null,
    },
    update: { source: input.source ?? "MANUAL", confidence: input.source === "AI" ? (input.confidence ?? 0.8) : null },
  });
}

export function createNote(
  db: PrismaClient,
  input: { organizationId: string; contactId: string; authorId?: string | null; body?: string; createdAt?: Date },
) {
  return db.note.create({
    data: {
      organizationId: input.organizationId,
      contactId: input.contactId,
      authorId: input.authorId ?? null,
      body: input.body ?? "Called, asked about BankNifty options indicator.",
      createdAt: input.createdAt,
    },
  });
}

export function setConsent(
  db: PrismaClient,
  input: {
    organizationId: string;
    contactId: string;
    channel: ConsentChannel;
    status: ConsentStatus;
    source?: string;
    changedById?: string | null;
    changedAt?: Date;
  },
) {
  const data = {
    status: input.status,
    source: input.source ?? "WhatsApp opt-in form",
    changedById: input.changedById ?? null,
    changedAt: input.changedAt ?? new Date(),
  };
  return db.contactConsent.upsert({
    where: {
      organizationId_contactId_channel: {
        organizationId: input.organizationId,
        contactId: input.contactId,
        channel: input.channel,
      },
    },
    create: { organizationId: input.organizationId, contactId: input.contactId, channel: input.channel, ...data },
    update: data,
  });
}

export function createFollowUp(
  db: PrismaClient,
  input: {
    organizationId: string;
    contactId: string;
    assigneeId: string | null;
    dueAt: Date;
    kind?: FollowUpKind;
    status?: FollowUpStatus;
    note?: string;
    createdById?: string | null;
  },
) {
  return db.followUp.create({
    data: {
      organizationId: input.organizationId,
      contactId: input.contactId,
      assigneeId: input.assigneeId,
      createdById: input.createdById ?? input.assigneeId,
      kind: input.kind ?? "CALL",
      status: input.status ?? "PENDING",
      dueAt: input.dueAt,
      note: input.note ?? "",
      completedAt: input.status === "DONE" ? new Date() : null,
    },
  });
}

export function createContactEvent(
  db: PrismaClient,
  input: {
    organizationId: string;
    contactId: string;
    type: ContactEventType;
    actorId?: string | null;
    actorLabel?: string | null;
    data?: Record<string, unknown>;
    createdAt?: Date;
  },
) {
  return db.contactEvent.create({
    data: {
      organizationId: input.organizationId,
      contactId: input.contactId,
      type: input.type,
      actorId: input.actorId ?? null,
      actorLabel: input.actorLabel ?? null,
      data: (input.data ?? {}) as object,
      createdAt: input.createdAt,
    },
  });
}
