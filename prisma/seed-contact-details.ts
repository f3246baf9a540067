// Demo details for contacts: custom fields with values, notes, a timeline,
// consent, AI tags with confidence, and follow-ups due today, overdue and
// upcoming for the demo agents.
import type { PrismaClient } from "../app/generated/prisma/client";
import type { WorkspaceSeedContext } from "./seed-workspace";
import { createCustomField } from "./factories-contact";
import { dayRange, now as clockNow } from "../app/utils/clock";
import { organizationTimeZone } from "../app/models/organization.server";

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

const EXPERIENCE = ["beginner", "intermediate", "pro"];
const NOTES = [
  "Called at 6 pm. Trades BankNifty weekly options, wants fewer false signals.",
  "Asked for a demo of Nifty Trend Rider on the 15-minute chart.",
  "Price-sensitive; mentioned a competitor at ₹2,999. Offer the annual plan.",
  "Prefers Hindi on calls. Will decide after Friday's expiry.",
  "Already uses TradingView Pro. Interested in Sensex Swing Suite.",
];

export async function seedContactDetails(db: PrismaClient, context: WorkspaceSeedContext): Promise<void> {
  const { organizationId, ownerId, agentIds } = context;
  const contacts = await db.contact.findMany({
    where: { organizationId, id: { in: context.contactIds } },
    select: { id: true, name: true, ownerId: true, stage: true, source: true, createdAt: true },
    orderBy: { phone: "asc" },
  });
  if (contacts.length === 0) return;
  const now = clockNow();

  // Custom fields, with values on some contacts (stored as strings under the key).
  await createCustomField(db, {
    organizationId,
    key: "trading_experience",
    label: "Trading experience",
    type: "SELECT",
    options: EXPERIENCE,
    position: 0,
  });
  await createCustomField(db, { organizationId, key: "tradingview_username", label: "TradingView username", type: "TEXT", position: 1 });
  for (const [i, contact] of contacts.entries()) {
    const values: Record<string, string> = {};
    if (i % 3 === 0) values.trading_experience = EXPERIENCE[i % EXPERIENCE.length]!;
    if (i % 4 === 0) values.tradingview_username = `${contact.name.split(" ")[0]!.toLowerCase()}_trades${i}`;
    if (Object.keys(values).length) await db.contact.update({ where: { id: contact.id }, data: { customFields: values } });
  }

  // Every contact starts its timeline with how it arrived.
  await db.contactEvent.createMany({
    data: contacts.map((contact) => ({
      organizationId,
      contactId: contact.id,
      type: "CREATED",
      actorId: contact.source === "MANUAL" ? (contact.ownerId ?? ownerId) : null,
      actorLabel: contact.source === "MANUAL" ? null : contact.source === "WEBSITE" ? "Web form" : "Import",
      data: { source: contact.source },
      createdAt: new Date(now.getTime() - 14 * DAY),
    })),
  });

  // Stage changes and notes on a handful.
  const people = [ownerId, ...agentIds];
  for (const [i, contact] of contacts.slice(0, NOTES.length).entries()) {
    const author = contact.ownerId ?? people[i % people.length]!;
    const at = new Date(now.getTime() - (5 - i) * DAY);
    const note = await db.note.create({ data: { organizationId, contactId: contact.id, authorId: author, body: NOTES[i]!, createdAt: at } });
    await db.contactEvent.create({
      data: { organizationId, contactId: contact.id, type: "NOTE_ADDED", actorId: author, data: { noteId: note.id, body: NOTES[i]! }, createdAt: at },
    });
    if (contact.stage !== "NEW") {
      await db.contactEvent.create({
        data: {
          organizationId,
          contactId: contact.id,
          type: "STAGE_CHANGED",
          actorId: author,
          data: { before: "NEW", after: contact.stage },
          createdAt: new Date(at.getTime() + HOUR),
        },
      });
    }
  }

  // AI tags with confidence, marked as such.
  const aiTags = await db.tag.findMany({ where: { organizationId, name: { in: ["options-trader", "beginner"] } } });
  for (const [i, contact] of contacts.entries()) {
    if (i % 5 !== 1) continue;
    const tag = aiTags[i % aiTags.length];
    if (!tag) continue;
    const confidence = [0.92, 0.87, 0.74, 0.64][i % 4]!;
    await db.contactTag.upsert({
      where: { organizationId_contactId_tagId: { organizationId, contactId: contact.id, tagId: tag.id } },
      create: { organizationId, contactId: contact.id, tagId: tag.id, source: "AI", confidence },
      update: {},
    });
    await db.contactEvent.create({
      data: {
        organizationId,
        contactId: contact.id,
        type: "TAG_ADDED",
        actorLabel: "AI scoring",
        data: { tagId: tag.id, tagName: tag.name, source: "AI", confidence },
        createdAt: new Date(now.getTime() - 2 * DAY),
      },
    });
  }

  // Consent: most WhatsApp leads opted in with their first message; a few said STOP.
  for (const [i, contact] of contacts.entries()) {
    if (i % 2 !== 0) continue;
    const optedOut = i % 10 === 0;
    await db.contactConsent.create({
      data: {
        organizationId,
        contactId: contact.id,
        channel: "WHATSAPP",
        status: optedOut ? "OPTED_OUT" : "OPTED_IN",
        source: optedOut ? "Replied STOP on WhatsApp" : "Messaged us first on WhatsApp",
        changedAt: new Date(now.getTime() - (optedOut ? 1 : 10) * DAY),
      },
    });
    if (i % 6 === 0) {
      await db.contactConsent.create({
        data: {
          organizationId,
          contactId: contact.id,
          channel: "EMAIL",
          status: "OPTED_IN",
          source: "Webinar sign-up form",
          changedAt: new Date(now.getTime() - 12 * DAY),
        },
      });
    }
  }

  // Follow-ups for each demo agent: two today, one overdue from yesterday, two upcoming.
  // Follow-ups due "today" are due during the organization's day.
  const today = dayRange(now, await organizationTimeZone(db, { organizationId })).start;
  const slots = [
    { dueAt: new Date(today.getTime() + 11 * HOUR), kind: "CALL" as const, note: "Walk through the BankNifty setup" },
    { dueAt: new Date(today.getTime() + 18 * HOUR), kind: "MESSAGE" as const, note: "Send the annual-plan offer on WhatsApp" },
    { dueAt: new Date(today.getTime() - 6 * HOUR), kind: "CALL" as const, note: "Missed callback from yesterday" },
    { dueAt: new Date(today.getTime() + DAY + 10 * HOUR), kind: "CALL" as const, note: "Check in after expiry" },
    { dueAt: new Date(today.getTime() + 3 * DAY + 16 * HOUR), kind: "MESSAGE" as const, note: "Share the Sensex Swing Suite video" },
  ];
  const agentNames = new Map(
    (await db.user.findMany({ where: { id: { in: agentIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]),
  );
  for (const agentId of agentIds) {
    const mine = contacts.filter((contact) => contact.ownerId === agentId);
    for (const [i, slot] of slots.entries()) {
      const contact = mine[i % Math.max(mine.length, 1)] ?? contacts[i % contacts.length]!;
      const followUp = await db.followUp.create({
        data: { organizationId, contactId: contact.id, assigneeId: agentId, createdById: agentId, ...slot },
      });
      await db.contactEvent.create({
        data: {
          organizationId,
          contactId: contact.id,
          type: "FOLLOW_UP_SCHEDULED",
          actorId: agentId,
          data: { followUpId: followUp.id, kind: slot.kind, dueAt: slot.dueAt.toISOString(), assignee: { id: agentId, name: agentNames.get(agentId) ?? "" }, note: slot.note },
          createdAt: new Date(now.getTime() - 3 * DAY),
        },
      });
    }
  }
}
