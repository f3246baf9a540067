// A member gives a conversation to someone (or to nobody). The assignee must be a member of the
// organization who can work conversations (agent or above). Managers and above assign any conversation
// to anyone; agents may take an unassigned conversation for themselves, or hand their own to someone
// else (or back to nobody); viewers assign nothing. A conversation the member may not see is not found.
import { TRPCError } from "@trpc/server";
import { assignConversationSchema, type AssignConversationInput } from "~/domain/conversation/assign-conversation.schema";
import type { CommandContext, CommandTx } from "~/services/command.server";
import { applyConversationAssignment } from "~/services/conversation/conversation-assignment.server";
import { findOrganizationMember, lockConversationForAssignment } from "~/models/conversation-assignment.server";
import { canSeeConversation, canWorkConversation } from "~/domain/conversation/conversation-access";
import { fieldErrors } from "~/domain/contact/contact-errors";
import { can, roleAtLeast, ROLE_LABELS } from "~/utils/permissions";

export type AssignConversationResult = { conversationId: string; assigneeId: string | null; assigneeName: string | null; changed: boolean };

const notFound = () => new TRPCError({ code: "NOT_FOUND", message: "Conversation not found." });

export async function assignConversation(tx: CommandTx, context: CommandContext, rawInput: AssignConversationInput): Promise<AssignConversationResult> {
  const input = assignConversationSchema.parse(rawInput);
  const { organizationId, actor } = context;
  if (!actor.userId) throw new TRPCError({ code: "FORBIDDEN", message: "Only a member can assign a conversation by hand." });
  const me = await findOrganizationMember(tx, { organizationId, userId: actor.userId });
  if (!me) throw new TRPCError({ code: "FORBIDDEN", message: "You are not a member of this organization." });
  const viewer = { role: me.role, userId: me.userId };

  const conversation = await lockConversationForAssignment(tx, { organizationId, id: input.conversationId });
  if (!conversation || !canSeeConversation(viewer, conversation)) throw notFound();
  if (!canWorkConversation(viewer, conversation)) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Your role does not allow assigning conversations." });
  }
  if (!can(me.role, "update:conversation:any") && conversation.assigneeId === null && input.assigneeId !== me.userId) {
    throw new TRPCError({ code: "FORBIDDEN", message: "You can take an unassigned conversation for yourself only; a manager assigns it to others." });
  }

  const assignee = input.assigneeId ? await findOrganizationMember(tx, { organizationId, userId: input.assigneeId }) : null;
  if (input.assigneeId && !assignee) throw fieldErrors({ assigneeId: "Choose a member of this organization." });
  if (assignee && !roleAtLeast(assignee.role, "AGENT")) {
    throw fieldErrors({ assigneeId: `${assignee.name} is a ${ROLE_LABELS[assignee.role].toLowerCase()} and cannot work conversations.` });
  }
  if ((assignee?.userId ?? null) === conversation.assigneeId) {
    return { conversationId: conversation.id, assigneeId: conversation.assigneeId, assigneeName: conversation.assigneeName, changed: false };
  }
  await applyConversationAssignment(tx, context, conversation, assignee);
  return { conversationId: conversation.id, assigneeId: assignee?.userId ?? null, assigneeName: assignee?.name ?? null, changed: true };
}
