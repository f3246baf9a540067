// Who sees and works which conversation. Agents and viewers see the conversations assigned to them
// and the unassigned ones; managers and above see all of them. Replying, assigning and changing a
// conversation's status needs "update": agents on their own and unassigned conversations, managers
// and above on any; viewers never. Browser-safe: the inbox hides what the server would refuse.
import { can, type Role } from "~/utils/permissions";

export type ConversationViewer = { role: Role; userId: string };

/** Whom the viewer's inbox is limited to: every conversation, or those assigned to them or to nobody. */
export type ConversationVisibility = { kind: "all" } | { kind: "mineOrUnassigned"; userId: string };

export function conversationVisibility(viewer: ConversationViewer): ConversationVisibility {
  return can(viewer.role, "read:conversation:any") ? { kind: "all" } : { kind: "mineOrUnassigned", userId: viewer.userId };
}

export function canSeeConversation(viewer: ConversationViewer, conversation: { assigneeId: string | null }): boolean {
  if (can(viewer.role, "read:conversation:any")) return true;
  return can(viewer.role, "read:conversation:own") && (conversation.assigneeId === null || conversation.assigneeId === viewer.userId);
}

export function canWorkConversation(viewer: ConversationViewer, conversation: { assigneeId: string | null }): boolean {
  if (can(viewer.role, "update:conversation:any")) return true;
  return can(viewer.role, "update:conversation:own") && (conversation.assigneeId === null || conversation.assigneeId === viewer.userId);
}

/** What the viewer's assign control offers: any member, only taking it themselves, or nothing. */
export type AssignChoice = "any" | "self" | "none";

export function assignChoiceFor(viewer: ConversationViewer, conversation: { assigneeId: string | null }): AssignChoice {
  if (!canWorkConversation(viewer, conversation)) return "none";
  return can(viewer.role, "update:conversation:any") || conversation.assigneeId === viewer.userId ? "any" : "self";
}
