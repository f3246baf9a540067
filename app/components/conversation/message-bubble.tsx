// One message in the chat: the customer's on the left, ours on the right, an internal note in yellow
// and labelled as never sent. Text is always rendered as text. An email's HTML part (sanitized when
// it was stored) is shown only inside a sandboxed frame that may run nothing and reach nothing.
import type { ReactNode } from "react";
import type { ChatMessageView } from "~/components/conversation/chat-types";
import { MessageTicks } from "~/components/conversation/message-ticks";
import { MessageMediaList } from "~/components/conversation/message-media";
import { formatDateTime } from "~/utils/format";

const FLAG_WORDS: Record<string, string> = {
  OPT_OUT: "Opt-out: this message stopped further messages on this channel.",
  OPT_IN: "Opt-in: the customer asked to receive messages again.",
  MENTIONS_OPT_OUT: "Mentions an opt-out word inside a longer message: consent is unchanged. Check what they meant.",
};

function FlagNotices({ flags }: { flags: string[] }) {
  if (flags.length === 0) return null;
  return (
    <>
      {flags.map((flag) => (
        <p key={flag} role="note" className="mt-1 rounded bg-red-100 px-2 py-1 text-xs font-medium text-red-800 dark:bg-red-950 dark:text-red-200">
          {FLAG_WORDS[flag] ?? flag}
        </p>
      ))}
    </>
  );
}

function EmailHtml({ html }: { html: string }) {
  return (
    <details className="mt-2 text-xs">
      <summary className="cursor-pointer underline">Formatted email</summary>
      {/* sandbox="" : no scripts, no forms, no same-origin, no top navigation. */}
      <iframe sandbox="" srcDoc={html} title="The email as formatted" className="mt-1 h-64 w-full rounded border border-slate-200 bg-white" />
    </details>
  );
}

function who(message: ChatMessageView): string | null {
  if (message.direction === "INBOUND") return null;
  return message.author?.name ?? message.actorLabel ?? null;
}

export function MessageBubble({ message, timeZone, pending = false }: { message: ChatMessageView; timeZone: string; pending?: boolean }) {
  const inbound = message.direction === "INBOUND";
  const note = message.kind === "NOTE";
  const tone = note
    ? "border border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
    : inbound
      ? "bg-white text-slate-900 border border-slate-200 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-100"
      : "bg-emerald-50 text-slate-900 border border-emerald-200 dark:border-emerald-800 dark:bg-emerald-950 dark:text-slate-100";
  const meta: ReactNode[] = [];
  const author = who(message);
  if (author) meta.push(<span key="who">{author}</span>);
  if (message.template) meta.push(<span key="tpl">Template {message.template.name}</span>);
  return (
    <li
      className={`flex ${inbound ? "justify-start" : "justify-end"}`}
      data-testid="message"
      data-direction={message.direction}
      data-kind={message.kind}
      aria-busy={pending || undefined}
    >
      <article className={`min-w-0 max-w-[85%] rounded-lg px-3 py-2 text-sm shadow-sm sm:max-w-[70%] ${tone}`} aria-label={note ? "Internal note" : inbound ? "Message from the customer" : "Message sent"}>
        {note ? <p className="mb-1 text-xs font-semibold uppercase tracking-wide">Internal note — not sent</p> : null}
        {message.subject ? <p className="mb-1 font-semibold [overflow-wrap:anywhere]">{message.subject}</p> : null}
        {message.body ? <p className="whitespace-pre-wrap [overflow-wrap:anywhere]">{message.body}</p> : null}
        <MessageMediaList media={message.media} />
        {message.html ? <EmailHtml html={message.html} /> : null}
        <FlagNotices flags={message.flags} />
        {message.failureReason ? (
          <p className="mt-1 text-xs font-medium text-red-700 dark:text-red-300">Not delivered: {message.failureReason}</p>
        ) : null}
        <p className="mt-1 flex flex-wrap items-center justify-end gap-x-2 text-xs text-slate-500 dark:text-slate-400">
          {meta}
          <time dateTime={message.createdAt}>{formatDateTime(message.createdAt, timeZone)}</time>
          {!inbound && !note ? <MessageTicks status={message.status} /> : null}
        </p>
      </article>
    </li>
  );
}
