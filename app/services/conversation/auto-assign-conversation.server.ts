// Round-robin: a customer's message in a conversation nobody has (a new one, or one left unassigned)
// gives it to the next available member who can work conversations, the least recently assigned
// first, when the organization has "Auto-assign new conversations" on. Runs in receiveMessage's
// transaction; concurrent new conversations each take a different member (see takeNextRoundRobinMember).
import type { CommandContext, CommandTx } from "~/services/command.server";
import { systemActor } from "~/services/command.server";
import { applyConversationAssignment, applyConversationAssignments } from "~/services/conversation/conversation-assignment.server";
import {
  lockConversationForAssignment,
  lockConversationsForAssignment,
  takeRoundRobinMembers,
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

/**
 * autoAssignConversation for several conversations, as if called for each in the given order: the
 * members free now take them in line order, each moving to the back of the line (the first in line
 * takes the first conversation, the next the second, and round again; members given conversations
 * together share the batch's instant as their last assignment). Answers each conversation as it stands afterwards.
 */
export async function autoAssignConversations(
  tx: CommandTx,
  context: CommandContext,
  { conversationIds }: { conversationIds: string[] },
): Promise<Map<string, LockedConversation>> {
  const { organizationId } = context;
  const locked = new Map((await lockConversationsForAssignment(tx, { organizationId, ids: conversationIds })).map((conversation) => [conversation.id, conversation]));
  const unassigned = conversationIds.flatMap((id) => {
    const conversation = locked.get(id);
    return conversation && !conversation.assigneeId ? [conversation] : [];
  });
  if (unassigned.length === 0 || !(await organizationAutoAssigns(tx, { organizationId }))) return locked;
  const members = await takeRoundRobinMembers(tx, { organizationId, count: unassigned.length });
  if (members.length === 0) return locked;
  const assignments = unassigned.map((conversation, index) => ({ conversation, assignee: members[index % members.length]! }));
  await applyConversationAssignments(tx, { organizationId, actor: systemActor(ROUND_ROBIN_ACTOR_LABEL) }, assignments);
  for (const { conversation, assignee } of assignments) locked.set(conversation.id, { ...conversation, assigneeId: assignee.userId, assigneeName: assignee.name });
  return locked;
}
