import { TRPCError } from "@trpc/server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { ContactIdInput } from "~/trpc/routers/contact/get.schema";
import { contactPermissions } from "~/trpc/routers/contact/contact-access.server";
import { CONSENT_CHANNELS } from "~/domain/contact/consent";
import { findContactProfile } from "~/models/contact.server";
import { listCustomFields } from "~/models/custom-field.server";
import { listContactFollowUps } from "~/models/follow-up.server";
import { isLandline } from "~/utils/phone-line.server";

/** Paise to a plain number for the page (exact up to ₹90 lakh crore). */
function paiseNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error("Amount too large to show exactly");
  return Number(value);
}

/** Everything the contact page shows about one contact (the timeline pages separately). */
export async function getContactHandler({ ctx, input }: { ctx: OrgScopedContext; input: ContactIdInput }) {
  const organizationId = ctx.org.id;
  const contact = await findContactProfile(ctx.db, { organizationId, id: input.id });
  if (!contact) throw new TRPCError({ code: "NOT_FOUND", message: "Contact not found." });
  const [definitions, followUps] = await Promise.all([
    listCustomFields(ctx.db, { organizationId }),
    listContactFollowUps(ctx.db, { organizationId, contactId: contact.id }),
  ]);
  const values = (contact.customFields ?? {}) as Record<string, unknown>;
  const consentByChannel = new Map(contact.consents.map((consent) => [consent.channel, consent]));
  return {
    contact: {
      id: contact.id,
      name: contact.name,
      phone: contact.phone,
      /** A fixed line: probably not on WhatsApp. */
      phoneIsLandline: contact.phone !== null && isLandline(contact.phone),
      email: contact.email,
      source: contact.source,
      stage: contact.stage,
      temperature: contact.temperature,
      score: contact.score,
      version: contact.version,
      aiSummary: contact.aiSummary,
      messageCount: contact.messageCount,
      amountSpentPaise: paiseNumber(contact.amountSpentPaise),
      lastMessageAt: contact.lastMessageAt,
      lastPaymentAt: contact.lastPaymentAt,
      lastActivityAt: contact.lastActivityAt,
      createdAt: contact.createdAt,
      updatedAt: contact.updatedAt,
      owner: contact.owner,
      company: contact.company,
      updatedBy: contact.updatedBy,
    },
    tags: contact.tags
      .map((link) => ({
        id: link.tag.id,
        name: link.tag.name,
        color: link.tag.color,
        source: link.source,
        confidence: link.confidence,
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    consents: CONSENT_CHANNELS.map((channel) => {
      const consent = consentByChannel.get(channel);
      return {
        channel,
        status: consent?.status ?? null,
        source: consent?.source ?? null,
        changedAt: consent?.changedAt ?? null,
        changedBy: consent?.changedBy ?? null,
      };
    }),
    customFields: definitions.map((definition) => ({
      id: definition.id,
      key: definition.key,
      label: definition.label,
      type: definition.type,
      options: definition.options,
      value: typeof values[definition.key] === "string" ? (values[definition.key] as string) : null,
    })),
    followUps: followUps.map((followUp) => ({
      id: followUp.id,
      kind: followUp.kind,
      status: followUp.status,
      dueAt: followUp.dueAt,
      note: followUp.note,
      assignee: followUp.assignee,
      completedAt: followUp.completedAt,
      completedBy: followUp.completedBy,
    })),
    /** Secondary phones and emails (kept from merged contacts). */
    identities: contact.identities.map((identity) => ({ id: identity.id, kind: identity.kind, value: identity.value })),
    notesCount: contact._count.notes,
    permissions: contactPermissions(ctx, contact),
  };
}
