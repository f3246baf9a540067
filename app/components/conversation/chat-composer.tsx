// The text composer: a message or an internal note, posted as a plain form (intent "send") that works
// without JavaScript. With JavaScript it posts through the page's send fetcher (the list shows the
// message at once with a clock tick) and typing "/" plus a shortcut offers quick replies; without,
// a quick-reply list inserts the chosen reply on a submit.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { useFetcher } from "@remix-run/react";
import type { ChatQuickReply, ChatReply, ChatView } from "~/components/conversation/chat-types";
import { freeTextBlocked, optedOut } from "~/components/conversation/chat-notices";
import { Button } from "~/components/ui/button";
import { matchQuickReplies } from "~/domain/quick-reply/quick-reply.schema";
import { useHydrated } from "~/components/contacts/use-hydrated";

/** The key the composer's fetcher and the message list share, so the list can show a send in flight. */
export const CHAT_SEND_FETCHER = "chat-send";

const SLASH = /(^|\s)\/([a-z0-9_-]*)$/i;

const TEXTAREA =
  "block w-full resize-y rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm disabled:bg-slate-100 disabled:text-slate-500 read-only:bg-slate-100 read-only:text-slate-500 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:disabled:bg-slate-800 dark:read-only:bg-slate-800";

function QuickReplySuggestions({
  matches,
  active,
  listId,
  onPick,
}: {
  matches: ChatQuickReply[];
  active: number;
  listId: string;
  onPick: (reply: ChatQuickReply) => void;
}) {
  return (
    <ul id={listId} role="listbox" aria-label="Quick replies" className="mt-1 max-h-48 overflow-y-auto rounded-md border border-slate-300 bg-white text-sm shadow dark:border-slate-700 dark:bg-slate-900">
      {matches.map((reply, index) => (
        <li
          key={reply.id}
          id={`${listId}-${index}`}
          role="option"
          aria-selected={index === active}
          className={`cursor-pointer px-3 py-2 ${index === active ? "bg-brand-50 dark:bg-slate-800" : ""}`}
          onMouseDown={(event) => {
            event.preventDefault();
            onPick(reply);
          }}
        >
          <span className="font-mono font-medium">/{reply.shortcut}</span> <span className="text-slate-600 dark:text-slate-300">{reply.title}</span>
        </li>
      ))}
    </ul>
  );
}

export function ChatComposer({ view, quickReplies, reply }: { view: ChatView; quickReplies: ChatQuickReply[]; reply: ChatReply | undefined }) {
  const fetcher = useFetcher<ChatReply>({ key: CHAT_SEND_FETCHER });
  const hydrated = useHydrated();
  const listId = useId();
  const textarea = useRef<HTMLTextAreaElement>(null);
  const mine = reply && (reply.intent === "send" || reply.intent === "insertQuickReply") ? reply : undefined;
  const [text, setText] = useState(mine?.draft ?? "");
  const blocked = freeTextBlocked(view) || optedOut(view) || !view.channel.enabled;
  // Where free text can't go, the box starts as a note (so a note works without JavaScript too).
  const [asNote, setAsNote] = useState(mine?.note ?? blocked);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState(false);

  // The box empties once the post has left (its data is already taken); a refusal hands the text back.
  const lastState = useRef(fetcher.state);
  useEffect(() => {
    if (lastState.current === "idle" && fetcher.state === "submitting") setText("");
    lastState.current = fetcher.state;
  }, [fetcher.state]);
  const handled = useRef<unknown>(null);
  useEffect(() => {
    const data = fetcher.data;
    if (fetcher.state === "idle" && data && data !== handled.current) {
      handled.current = data;
      if (data.draft !== undefined) setText(data.draft);
      if (data.note !== undefined) setAsNote(data.note);
    }
  }, [fetcher.state, fetcher.data]);

  const disabled = !view.canWork || (blocked && !asNote);
  const slash = hydrated && !dismissed ? SLASH.exec(text) : null;
  const matches = slash ? matchQuickReplies(quickReplies, slash[2] ?? "") : [];

  function insert(body: string) {
    setText((current) => (SLASH.test(current) ? current.replace(SLASH, (_whole, space: string) => `${space}${body}`) : current ? `${current} ${body}` : body));
    setActive(0);
    textarea.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (matches.length === 0) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      setActive((index) => (index + (event.key === "ArrowDown" ? 1 : matches.length - 1)) % matches.length);
    } else if (event.key === "Enter" || event.key === "Tab") {
      event.preventDefault();
      insert(matches[Math.min(active, matches.length - 1)]!.body);
    } else if (event.key === "Escape") {
      setDismissed(true);
    }
  }

  const refusal = mine?.formError ?? mine?.fieldErrors?.["content.body"] ?? mine?.fieldErrors?.body;
  const sending = fetcher.state !== "idle" && fetcher.formData?.get("intent") === "send";
  return (
    <fetcher.Form method="post" className="space-y-2" aria-label="Write a message">
      {refusal ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200" data-testid="composer-refusal">
          {refusal}
        </p>
      ) : null}
      <label htmlFor="chat-body" className="sr-only">
        {asNote ? "Internal note" : "Message"}
      </label>
      <textarea
        ref={textarea}
        id="chat-body"
        name="body"
        rows={3}
        value={text}
        maxLength={4096}
        // Locked, not disabled, when free text can't go: a draft typed before the customer opted out (or
        // the window closed) is still posted, so Send answers with the reason rather than "it is empty".
        disabled={!view.canWork}
        readOnly={disabled}
        placeholder={asNote ? "Internal note (only your team sees it)" : blocked ? "Free text can't be sent here (see above)" : "Write a message. Type / for quick replies"}
        onChange={(event) => {
          setText(event.target.value);
          setDismissed(false);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        aria-autocomplete="list"
        aria-controls={matches.length ? listId : undefined}
        aria-activedescendant={matches.length ? `${listId}-${Math.min(active, matches.length - 1)}` : undefined}
        className={`${TEXTAREA} ${asNote ? "border-amber-400 bg-amber-50 dark:bg-amber-950" : ""}`}
      />
      {matches.length ? <QuickReplySuggestions matches={matches} active={active} listId={listId} onPick={(picked) => insert(picked.body)} /> : null}
      <div className="flex flex-wrap items-center justify-between gap-2">
        <label className="inline-flex items-center gap-2 text-sm">
          <input type="checkbox" name="note" value="on" checked={asNote} onChange={(event) => setAsNote(event.target.checked)} disabled={!view.canWork} />
          Internal note (not sent)
        </label>
        <Button name="intent" value="send" disabled={!view.canWork} pending={sending} pendingText="Sending…">
          {asNote ? "Add note" : "Send"}
        </Button>
      </div>
      {quickReplies.length && view.canWork ? (
        <div className="flex flex-wrap items-end gap-2">
          <label className="min-w-0 flex-1 text-sm">
            <span className="block text-slate-600 dark:text-slate-300">Quick reply</span>
            <select name="quickReplyId" className="mt-1 block w-full max-w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900">
              {quickReplies.map((quick) => (
                <option key={quick.id} value={quick.id}>
                  /{quick.shortcut} · {quick.title}
                </option>
              ))}
            </select>
          </label>
          <Button
            variant="secondary"
            name="intent"
            value="insertQuickReply"
            className="min-h-9 px-3 py-1"
            onClick={(event) => {
              // With JavaScript the reply goes into the box here; without, the page puts it there.
              if (!hydrated) return;
              event.preventDefault();
              const select = event.currentTarget.form?.elements.namedItem("quickReplyId") as HTMLSelectElement | null;
              const picked = quickReplies.find((quick) => quick.id === select?.value);
              if (picked) setText((current) => (current ? `${current}\n${picked.body}` : picked.body));
            }}
          >
            Insert
          </Button>
        </div>
      ) : null}
    </fetcher.Form>
  );
}
