// Resolve, reopen, mark pending, or snooze until a time: plain form posts (intent "setStatus") that
// work without JavaScript; a refused snooze time comes back under its field.
import { Form, useNavigation } from "@remix-run/react";
import type { ChatReply, ChatView } from "~/components/conversation/chat-types";
import { Button } from "~/components/ui/button";
import { CONVERSATION_STATUS_LABELS, type ConversationStatus } from "~/domain/conversation/conversation-status";
import { formatDateTime } from "~/utils/format";

function StatusButton({ status, label, variant = "secondary" }: { status: ConversationStatus; label: string; variant?: "primary" | "secondary" }) {
  const navigation = useNavigation();
  const pending = navigation.state === "submitting" && navigation.formData?.get("intent") === "setStatus" && navigation.formData.get("status") === status;
  return (
    <Form method="post" replace preventScrollReset>
      <input type="hidden" name="intent" value="setStatus" />
      <input type="hidden" name="status" value={status} />
      <Button variant={variant} className="min-h-9 px-3 py-1" pending={pending}>
        {label}
      </Button>
    </Form>
  );
}

export function ChatStatusControl({ view, reply, timeZone, defaultSnooze }: { view: ChatView; reply: ChatReply | undefined; timeZone: string; defaultSnooze: string }) {
  const { status, snoozedUntil } = view.conversation;
  const snoozeError = reply?.intent === "setStatus" ? reply.fieldErrors?.snoozeUntil : undefined;
  const statusError = reply?.intent === "setStatus" && !snoozeError ? reply.formError : undefined;
  return (
    <div className="space-y-2">
      <p className="text-sm">
        <span className="text-slate-500">Status: </span>
        <strong data-testid="conversation-status">{CONVERSATION_STATUS_LABELS[status as ConversationStatus] ?? status}</strong>
        {status === "SNOOZED" && snoozedUntil ? <span> until {formatDateTime(snoozedUntil, timeZone)}</span> : null}
      </p>
      {view.canWork ? (
        <div className="flex flex-wrap items-start gap-2">
          {status === "RESOLVED" || status === "SNOOZED" || status === "PENDING" ? <StatusButton status="OPEN" label="Reopen" /> : null}
          {status !== "RESOLVED" ? <StatusButton status="RESOLVED" label="Resolve" variant="primary" /> : null}
          {status !== "PENDING" ? <StatusButton status="PENDING" label="Mark pending" /> : null}
          <details className="min-w-0" open={snoozeError ? true : undefined}>
            <summary className="inline-flex min-h-9 cursor-pointer list-none items-center rounded-md border border-slate-300 px-3 text-sm font-medium hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">
              Snooze…
            </summary>
            <Form method="post" replace preventScrollReset className="mt-2 flex flex-wrap items-end gap-2">
              <input type="hidden" name="intent" value="setStatus" />
              <input type="hidden" name="status" value="SNOOZED" />
              <label className="text-sm">
                <span className="block font-medium">Snooze until</span>
                <input
                  type="datetime-local"
                  name="snoozeUntil"
                  defaultValue={defaultSnooze}
                  aria-invalid={snoozeError ? true : undefined}
                  aria-describedby={snoozeError ? "snooze-error" : undefined}
                  className="mt-1 block max-w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900"
                />
              </label>
              <Button variant="secondary" className="min-h-9 px-3 py-1">
                Snooze
              </Button>
              {snoozeError ? (
                <p id="snooze-error" className="w-full text-sm text-red-600 dark:text-red-400">
                  {snoozeError}
                </p>
              ) : null}
            </Form>
          </details>
        </div>
      ) : null}
      {statusError ? <p className="text-sm text-red-600 dark:text-red-400">{statusError}</p> : null}
    </div>
  );
}
