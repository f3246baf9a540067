// The "assign" form post, from an inbox row or the chat's header: give the conversation to the chosen
// member (or nobody), then back to `to` with a toast saying what happened.
import type { Caller } from "~/trpc/caller.server";
import { assignConversationSchema } from "~/trpc/routers/inbox/assign.schema";
import { runAndRedirect } from "~/web/form-action.server";

export function assignConversationFromForm(caller: Caller, form: FormData, to: string) {
  return runAndRedirect(to, async () => {
    const result = await caller.inbox.assign(assignConversationSchema.parse({ conversationId: form.get("conversationId"), assigneeId: form.get("assigneeId") }));
    if (!result.changed) return result.assigneeName ? `Already assigned to ${result.assigneeName}.` : "Already unassigned.";
    return result.assigneeName ? `Assigned to ${result.assigneeName}.` : "Unassigned.";
  });
}
