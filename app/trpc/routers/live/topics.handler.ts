import { TRPCError } from "@trpc/server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { LiveTopicsInput } from "~/trpc/routers/live/topics.schema";
import { countContactsWithIds } from "~/models/contact.server";
import { countConversationsWithIds } from "~/models/conversation.server";
import { conversationVisibility } from "~/domain/conversation/conversation-access";
import type { LiveTopic } from "~/utils/live-event";

/** Topics named by the organization's id: only the caller's current organization. */
const ORGANIZATION_TOPIC_KINDS: ReadonlySet<string> = new Set(["organization", "inbox", "templates", "consent-keywords"]);

/**
 * The topics the caller may listen to, deduplicated, or a refusal naming the
 * first one they may not: another organization (403, for the organization's own topic and its
 * inbox, templates and consent-keywords slices), someone else's user
 * topic (403), a contact that isn't in the caller's organization (404, the
 * same answer as for a contact that doesn't exist), or a conversation that isn't (404).
 */
export async function liveTopicsHandler({ ctx, input }: { ctx: OrgScopedContext; input: LiveTopicsInput }): Promise<LiveTopic[]> {
  const topics = [...new Set(input.topics)];
  const contactIds: string[] = [];
  const conversationIds: string[] = [];
  for (const topic of topics) {
    const [kind, id] = topic.split(":") as [string, string];
    if (ORGANIZATION_TOPIC_KINDS.has(kind) && id !== ctx.org.id) {
      throw new TRPCError({ code: "FORBIDDEN", message: "You can only receive live updates from your current organization." });
    }
    if (kind === "user" && id !== ctx.user.id) {
      throw new TRPCError({ code: "FORBIDDEN", message: "You can only receive your own live updates." });
    }
    if (kind === "contact") contactIds.push(id);
    if (kind === "conversation") conversationIds.push(id);
  }
  if (contactIds.length > 0) {
    const found = await countContactsWithIds(ctx.db, { organizationId: ctx.org.id, ids: contactIds });
    if (found !== contactIds.length) throw new TRPCError({ code: "NOT_FOUND", message: "Contact not found." });
  }
  if (conversationIds.length > 0) {
    const found = await countConversationsWithIds(ctx.db, {
      organizationId: ctx.org.id,
      ids: conversationIds,
      visibility: conversationVisibility({ role: ctx.org.role, userId: ctx.user.id }),
    });
    if (found !== conversationIds.length) throw new TRPCError({ code: "NOT_FOUND", message: "Conversation not found." });
  }
  return topics;
}
