// Round-robin: a customer's message in a conversation nobody has (a new one, or one left unassigned)
// gives it to the next available member who can work conversations, the least recently assigned
// first, when the organization has "Auto-assign new conversations" on. Runs in receiveMessage's
// transaction; concurrent new conversations each take a different member (see takeNextRoundRobinMember).
import type { CommandContext, CommandTx } from "~/services/command.server";
import { systemActor } from "~/services/command.server";
import { applyConversationAssignment } from "~/services/conversation/conversation-assignment.server";
import {
  lockConversationForAssignment,
  organizationAutoAssigns,
  takeNextRoundRobinMember,
  type LockedConversation,
} from "~/models/conversation-assignment.server";

export const ROUND_ROBIN_ACTOR_LABEL = "Round-robin";

/**
 * The conversation as it stands afterwards (with its assignee, if any), for the caller to tell them.
 * The caller publishes the conversation's live event.
 */
export async function autoAssignConversation(
  tx: CommandTx,
  context: CommandContext,
  { conversationId }: { conversationId: string },
): Promise<LockedConversation | null> {
  const { organizationId } = context;
  const conversation = await lockConversationForAssignment(tx, { organizationId, id: conversationId });
  if (!conversation || conversation.assigneeId) return conversation;
  if (!(await organizationAutoAssigns(tx, { organizationId }))) return conversation;
  const member = await takeNextRoundRobinMember(tx, { organizationId });
  if (!member) return conversation;
  await applyConversationAssignment(tx, { organizationId, actor: systemActor(ROUND_ROBIN_ACTOR_LABEL) }, conversation, member, { publish: false });
  return { ...conversation, assigneeId: member.userId, assigneeName: member.name };
}
