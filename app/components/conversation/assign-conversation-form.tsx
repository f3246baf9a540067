// Who has a conversation, and a form to change it: a select of the members who can work
// conversations (or "Take it" when the viewer may only take an unassigned one for themselves).
// A plain form post (intent "assign"), so it works without JavaScript; the page's action calls
// `inbox.assign` and redirects back.
import { Form } from "@remix-run/react";
import { Button } from "~/components/ui/button";

import type { AssignChoice } from "~/domain/conversation/inbox-filter";

export type { AssignChoice };
export type Assignee = { userId: string; name: string; available?: boolean };

export function AssignConversationForm({
  conversationId,
  contactName,
  assigneeId,
  assigneeName,
  choice,
  assignees,
  myUserId,
  action,
  compact = false,
}: {
  conversationId: string;
  /** For labels: "Assign Kavya Iyer's conversation". */
  contactName: string;
  assigneeId: string | null;
  assigneeName: string | null;
  choice: AssignChoice;
  assignees: Assignee[];
  myUserId: string;
  /** Where the form posts (default: the current route's action). */
  action?: string;
  compact?: boolean;
}) {
  const current = <span className="text-sm text-slate-600 dark:text-slate-300">{assigneeName ?? "Unassigned"}</span>;
  if (choice === "none") return current;
  if (choice === "self") {
    return (
      <Form method="post" action={action} className="flex items-center gap-2">
        <input type="hidden" name="intent" value="assign" />
        <input type="hidden" name="conversationId" value={conversationId} />
        <input type="hidden" name="assigneeId" value={myUserId} />
        {current}
        <Button variant="secondary" className="min-h-8 px-3 py-1" aria-label={`Take ${contactName}'s conversation`}>
          Take it
        </Button>
      </Form>
    );
  }
  const selectId = `assignee-${conversationId}`;
  return (
    <Form method="post" action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="intent" value="assign" />
      <input type="hidden" name="conversationId" value={conversationId} />
      <label htmlFor={selectId} className={compact ? "sr-only" : "text-sm text-slate-600 dark:text-slate-300"}>
        Assignee for {contactName}
      </label>
      <select
        // Remount when the assignee changes, so the selection follows it after a live refresh.
        key={assigneeId ?? "nobody"}
        id={selectId}
        name="assigneeId"
        defaultValue={assigneeId ?? ""}
        className="max-w-[12rem] rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900"
      >
        <option value="">Nobody</option>
        {assignees.map((assignee) => (
          <option key={assignee.userId} value={assignee.userId}>
            {assignee.userId === myUserId ? `${assignee.name} (you)` : assignee.name}
            {assignee.available === false ? " · away" : ""}
          </option>
        ))}
      </select>
      <Button variant="secondary" className="min-h-8 px-3 py-1" aria-label={`Assign ${contactName}'s conversation`}>
        Assign
      </Button>
    </Form>
  );
}
