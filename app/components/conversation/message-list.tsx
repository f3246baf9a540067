// The conversation's messages, oldest at the top, with "Load older" (a keyset link that works
// without JavaScript) and, while a send is in flight, the message as it will look, with a clock tick.
import { useEffect, useRef } from "react";
import { Link, useFetcher } from "@remix-run/react";
import type { ChatMessagePage, ChatMessageView, ChatReply } from "~/components/conversation/chat-types";
import { MessageBubble } from "~/components/conversation/message-bubble";
import { CHAT_SEND_FETCHER } from "~/components/conversation/chat-composer";

function optimisticMessage(formData: FormData, at: string): ChatMessageView | null {
  const body = String(formData.get("body") ?? "").trim();
  if (!body) return null;
  const note = formData.get("note") === "on";
  return {
    id: "sending",
    direction: "OUTBOUND",
    kind: note ? "NOTE" : "TEXT",
    status: note ? "SENT" : "QUEUED",
    body,
    media: [],
    subject: null,
    html: null,
    flags: [],
    actorLabel: null,
    errorCode: null,
    errorMessage: null,
    failureReason: null,
    createdAt: at,
    sentAt: null,
    deliveredAt: null,
    readAt: null,
    failedAt: null,
    author: null,
    template: null,
  };
}

export function MessageList({ page, conversationId, before, timeZone }: { page: ChatMessagePage; conversationId: string; before: string | null; timeZone: string }) {
  const sender = useFetcher<ChatReply>({ key: CHAT_SEND_FETCHER });
  const sending = sender.state !== "idle" && sender.formData?.get("intent") === "send" ? optimisticMessage(sender.formData, new Date().toISOString()) : null;
  const oldestFirst = [...page.messages].reverse();
  const newest = page.messages[0]?.id ?? null;
  const end = useRef<HTMLLIElement>(null);
  // With JavaScript the newest message (or the one being sent) stays in sight.
  useEffect(() => {
    if (!before) end.current?.scrollIntoView({ block: "end" });
  }, [newest, sending?.body, before]);
  return (
    <section aria-label="Messages" className="rounded-lg border border-slate-200 bg-slate-50 p-2 dark:border-slate-800 dark:bg-slate-950 sm:p-3">
      <div className="mb-2 flex flex-wrap justify-center gap-3 text-sm">
        {page.olderCursor ? (
          <Link to={`/inbox/${conversationId}?${new URLSearchParams({ before: page.olderCursor })}`} className="underline" preventScrollReset>
            Load older
          </Link>
        ) : null}
        {before ? (
          <Link to={`/inbox/${conversationId}`} className="underline">
            Back to the newest
          </Link>
        ) : null}
      </div>
      {oldestFirst.length === 0 && !sending ? <p className="py-6 text-center text-sm text-slate-500">No messages yet.</p> : null}
      <ol className="space-y-2" aria-label="Conversation">
        {oldestFirst.map((message) => (
          <MessageBubble key={message.id} message={message} timeZone={timeZone} />
        ))}
        {sending ? <MessageBubble message={sending} timeZone={timeZone} pending /> : null}
        <li ref={end} aria-hidden className="h-px" />
      </ol>
    </section>
  );
}
