import type { OrgScopedContext } from "~/trpc/trpc.server";
import { loadContact } from "~/trpc/routers/contact/contact-access.server";
import {
  parseTimelineCursor,
  TIMELINE_PAGE_SIZE,
  timelineCursor,
  type TimelineInput,
} from "~/trpc/routers/contact/timeline.schema";
import { listContactEvents } from "~/models/contact.server";

/** A page of the contact's timeline, newest first. */
export async function timelineHandler({ ctx, input }: { ctx: OrgScopedContext; input: TimelineInput }) {
  const contact = await loadContact(ctx, input.id);
  const rows = await listContactEvents(ctx.db, {
    organizationId: ctx.org.id,
    contactId: contact.id,
    before: input.before ? parseTimelineCursor(input.before) : undefined,
    take: TIMELINE_PAGE_SIZE + 1,
  });
  const page = rows.slice(0, TIMELINE_PAGE_SIZE);
  return {
    items: page.map((event) => ({
      id: event.id,
      type: event.type,
      createdAt: event.createdAt,
      actor: event.actor ? { id: event.actor.id, name: event.actor.name } : null,
      actorLabel: event.actorLabel,
      data: (event.data ?? {}) as Record<string, unknown>,
    })),
    nextCursor: rows.length > TIMELINE_PAGE_SIZE ? timelineCursor(page[page.length - 1]!) : null,
  };
}
