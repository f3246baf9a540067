import { TRPCError } from "@trpc/server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { ContactConversationsInput } from "~/trpc/routers/conversation/for-contact.schema";
import { conversationViewer } from "~/trpc/routers/conversation/conversation-guards.server";
import { conversationVisibility } from "~/domain/conversation/conversation-access";
import { findContact } from "~/models/contact.server";
import { listContactConversations, listEnabledChannels } from "~/models/conversation-chat.server";
import { visibleConversationsWhere } from "~/models/conversation.server";
import { can } from "~/utils/permissions";

/** The contact's conversations the caller may see, and the channels a new one could start on. */
export async function contactConversationsHandler({ ctx, input }: { ctx: OrgScopedContext; input: ContactConversationsInput }) {
  const organizationId = ctx.org.id;
  const contact = await findContact(ctx.db, { organizationId, id: input.contactId });
  if (!contact) throw new TRPCError({ code: "NOT_FOUND", message: "Contact not found." });
  const where = visibleConversationsWhere(organizationId, conversationVisibility(conversationViewer(ctx)));
  const [conversations, channels] = await Promise.all([
    listContactConversations(ctx.db, { organizationId, contactId: contact.id, where }),
    listEnabledChannels(ctx.db, { organizationId }),
  ]);
  return { conversations, channels, canStart: can(ctx.org.role, "update:conversation:own") };
}
