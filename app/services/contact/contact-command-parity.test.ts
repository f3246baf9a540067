// The same starting contacts go through the single command, the bulk statement
// and the import/web-form intake; each path must leave the same ContactTag rows,
// the same contact columns and the same timeline (minus each path's own ids).
// Each case also states the rule's expected result, so all paths agreeing on a
// wrong answer still fails.
import { beforeAll, describe, expect, test } from "vitest";
import type { ContactStage, TagSource } from "~/generated/prisma/enums";
import { prisma } from "~/utils/db.server";
import { userActor } from "~/services/command.server";
import { startBulkAction } from "~/services/bulk-contacts.server";
import { intakeContacts, type IntakeRow } from "~/services/contact-intake.server";
import { addTag } from "~/services/contact/add-tag.server";
import { removeTag } from "~/services/contact/remove-tag.server";
import { changeStage } from "~/services/contact/change-stage.server";
import { CONTACT_STAGES } from "~/domain/contact/contact-filter.schema";
import { createOrganization, createTag } from "../../../prisma/factories";
import { tagContact } from "../../../prisma/factories-contact";
import { createListContact } from "../../../prisma/factories-contact-list";

type Path = "single" | "bulk" | "intake";
type Held = { source: TagSource; confidence: number | null } | null;

let organizationId: string;
let userId: string;
let tag: { id: string; name: string };
const LONG_AGO = new Date("2026-01-15T10:00:00Z");

beforeAll(async () => {
  const org = await createOrganization(prisma, { name: "Parity", owner: { name: "Pooja Owner" } });
  organizationId = org.organization.id;
  userId = org.owner.id;
  const created = await createTag(prisma, { organizationId, name: "vip" });
  tag = { id: created.id, name: created.name };
});

async function contactHolding(held: Held, stage: ContactStage = "NEW") {
  const contact = await createListContact(prisma, { organizationId, stage, lastActivityAt: LONG_AGO });
  if (held) await tagContact(prisma, { organizationId, contactId: contact.id, tagId: tag.id, ...held });
  return contact;
}

const PATH_IDS = ["bulkOperationId", "via", "importId"];

/** What a path left behind for one contact, without per-path ids. */
async function outcome(contactId: string, before: { updatedAt: Date }) {
  const contact = await prisma.contact.findUniqueOrThrow({ where: { id: contactId } });
  const tags = await prisma.contactTag.findMany({
    where: { organizationId, contactId },
    select: { tagId: true, source: true, confidence: true },
    orderBy: { tagId: "asc" },
  });
  const events = await prisma.contactEvent.findMany({ where: { organizationId, contactId }, orderBy: { createdAt: "asc" } });
  return {
    tags,
    contact: {
      stage: contact.stage,
      version: contact.version,
      updatedById: contact.updatedById,
      updatedAtMoved: contact.updatedAt.getTime() !== before.updatedAt.getTime(),
      lastActivityAt: contact.lastActivityAt.toISOString(),
    },
    events: events.map((event) => ({
      type: event.type,
      actorId: event.actorId,
      data: Object.fromEntries(Object.entries(event.data as Record<string, unknown>).filter(([key]) => !PATH_IDS.includes(key))),
    })),
  };
}

const context = () => ({ organizationId, actor: userActor(userId) });

/** Runs `action` for one prepared contact per path and returns each path's outcome. */
async function throughEveryPath(
  paths: Path[],
  prepare: () => Promise<{ id: string; phone: string | null; updatedAt: Date }>,
  run: Record<Path, (contact: { id: string; phone: string | null }) => Promise<unknown>>,
) {
  const results = {} as Record<Path, Awaited<ReturnType<typeof outcome>>>;
  for (const path of paths) {
    const contact = await prepare();
    await run[path](contact);
    results[path] = await outcome(contact.id, contact);
  }
  return results;
}

function intake(rows: IntakeRow[]) {
  return prisma.$transaction((tx) =>
    intakeContacts(tx, rows, {
      organizationId,
      actor: userActor(userId),
      strategy: "UPDATE",
      defaultSource: "IMPORT",
      createdEvent: { type: "IMPORTED" },
      eventData: { via: "import", importId: "parity" },
    }),
  );
}

function bulk(command: Parameters<typeof startBulkAction>[1]["command"], id: string) {
  return startBulkAction(prisma, { organizationId, userId, command, selection: { ids: [id] } });
}

describe("add tag", () => {
  const run: Record<Path, (contact: { id: string; phone: string | null }) => Promise<unknown>> = {
    single: (contact) => prisma.$transaction((tx) => addTag(tx, context(), { contactId: contact.id, tagId: tag.id })),
    bulk: (contact) => bulk({ action: "addTag", params: { tagId: tag.id, tagName: tag.name } }, contact.id),
    intake: (contact) => intake([{ phone: contact.phone, tags: [tag] }]),
  };
  const lastActivity = LONG_AGO.toISOString();
  const untouched = { stage: "NEW", version: 1, updatedById: null, updatedAtMoved: false, lastActivityAt: lastActivity };

  test.each([
    {
      state: "without the tag",
      held: null,
      expected: {
        tags: [{ tagId: "TAG", source: "MANUAL", confidence: null }],
        events: [{ type: "TAG_ADDED", data: { tagId: "TAG", tagName: "vip", source: "MANUAL" } }],
      },
    },
    {
      state: "holding it from the AI",
      held: { source: "AI", confidence: 0.6 } as const,
      expected: {
        tags: [{ tagId: "TAG", source: "MANUAL", confidence: null }],
        events: [
          { type: "TAG_ADDED", data: { tagId: "TAG", tagName: "vip", source: "MANUAL", confirmedAiTag: true, aiConfidence: 0.6 } },
        ],
      },
    },
    {
      state: "holding it manually",
      held: { source: "MANUAL", confidence: null } as const,
      expected: { tags: [{ tagId: "TAG", source: "MANUAL", confidence: null }], events: [] },
    },
  ])("a contact $state ends the same on every path", async ({ held, expected }) => {
    const results = await throughEveryPath(["single", "bulk", "intake"], () => contactHolding(held), run);
    const withTag = JSON.parse(JSON.stringify(expected).replaceAll('"TAG"', JSON.stringify(tag.id)));
    expect(results.single).toEqual({
      tags: withTag.tags,
      contact: untouched,
      events: withTag.events.map((event: object) => ({ ...event, actorId: userId })),
    });
    expect(results.bulk).toEqual(results.single);
    expect(results.intake).toEqual(results.single);
  });
});

describe("remove tag", () => {
  // Imports and forms only add tags; removing goes through the contact page or a bulk action.
  const run: Record<Path, (contact: { id: string; phone: string | null }) => Promise<unknown>> = {
    single: (contact) =>
      prisma.$transaction((tx) => removeTag(tx, context(), { contactId: contact.id, tagId: tag.id })).catch((error: unknown) => {
        // Not on the contact: the page says so; the bulk path counts it as "didn't have it". Neither changes anything.
        if ((error as { code?: string }).code !== "NOT_FOUND") throw error;
      }),
    bulk: (contact) => bulk({ action: "removeTag", params: { tagId: tag.id, tagName: tag.name } }, contact.id),
    intake: () => Promise.reject(new Error("intake does not remove tags")),
  };

  test.each([
    { state: "without the tag", held: null, removed: null },
    { state: "holding it from the AI", held: { source: "AI", confidence: 0.6 } as const, removed: { source: "AI", confidence: 0.6 } },
    { state: "holding it manually", held: { source: "MANUAL", confidence: null } as const, removed: { source: "MANUAL", confidence: null } },
  ])("a contact $state ends the same on both paths", async ({ held, removed }) => {
    const results = await throughEveryPath(["single", "bulk"], () => contactHolding(held), run);
    expect(results.single).toEqual({
      tags: [],
      contact: { stage: "NEW", version: 1, updatedById: null, updatedAtMoved: false, lastActivityAt: LONG_AGO.toISOString() },
      events: removed
        ? [{ type: "TAG_REMOVED", actorId: userId, data: { tagId: tag.id, tagName: "vip", ...removed } }]
        : [],
    });
    expect(results.bulk).toEqual(results.single);
  });
});

describe("change stage", () => {
  const target: ContactStage = "INTERESTED";
  const run: Record<Path, (contact: { id: string; phone: string | null }) => Promise<unknown>> = {
    single: (contact) => prisma.$transaction((tx) => changeStage(tx, context(), { contactId: contact.id, stage: target })),
    bulk: (contact) => bulk({ action: "changeStage", params: { stage: target } }, contact.id),
    intake: (contact) => intake([{ phone: contact.phone, stage: target }]),
  };

  test.each(CONTACT_STAGES.map((stage) => ({ stage })))("a contact at $stage ends the same on every path", async ({ stage }) => {
    const results = await throughEveryPath(["single", "bulk", "intake"], () => contactHolding(null, stage), run);
    const moved = stage !== target;
    expect(results.single).toEqual({
      tags: [],
      contact: {
        stage: target,
        version: moved ? 2 : 1,
        updatedById: moved ? userId : null,
        updatedAtMoved: moved,
        // Pipeline changes are not activity with the person.
        lastActivityAt: LONG_AGO.toISOString(),
      },
      events: moved ? [{ type: "STAGE_CHANGED", actorId: userId, data: { field: "stage", before: stage, after: target } }] : [],
    });
    expect(results.bulk).toEqual(results.single);
    expect(results.intake).toEqual(results.single);
  });
});
