// What the composer must say before anyone types: the contact opted out of this channel, the channel
// is turned off, or WhatsApp's window (the time left, or when it closed and that only templates go).
import type { ChatView } from "~/components/conversation/chat-types";
import { CONSENT_CHANNEL_LABELS } from "~/domain/contact/contact-labels";
import { formatTimeLeft } from "~/domain/conversation/window-time-left";
import { formatDateTime } from "~/utils/format";

/** Whether free text (not a template, not a note) is refused before anyone tries. */
export function freeTextBlocked(view: ChatView): boolean {
  return view.window.applies && !view.window.open;
}

export function optedOut(view: ChatView): boolean {
  return view.consent?.status === "OPTED_OUT";
}

export function ChatNotices({ view, timeZone }: { view: ChatView; timeZone: string }) {
  const channel = CONSENT_CHANNEL_LABELS[view.channel.kind];
  const notices: Array<{ key: string; tone: "warn" | "info"; text: string }> = [];
  if (optedOut(view) && view.consent) {
    notices.push({
      key: "optout",
      tone: "warn",
      text: `${view.contact.name} opted out of ${channel} messages on ${formatDateTime(view.consent.changedAt, timeZone)} (${view.consent.source}). Nothing can be sent here until they opt in again (for example by replying START); internal notes still work.`,
    });
  }
  if (!view.channel.enabled) {
    notices.push({ key: "off", tone: "warn", text: `The channel “${view.channel.name}” is turned off, so nothing can be sent on it.` });
  }
  if (view.window.applies) {
    if (view.window.open && view.window.closesAt) {
      const left = new Date(view.window.closesAt).getTime() - new Date(view.now).getTime();
      notices.push({ key: "window", tone: "info", text: `WhatsApp window closes in ${formatTimeLeft(left)} (at ${formatDateTime(view.window.closesAt, timeZone)}).` });
    } else if (view.window.closesAt) {
      notices.push({
        key: "window",
        tone: "warn",
        text: `WhatsApp's 24-hour window closed at ${formatDateTime(view.window.closesAt, timeZone)}, 24 hours after the customer's last message. Free text can't be sent; send an approved template.`,
      });
    } else {
      notices.push({ key: "window", tone: "warn", text: "The customer has not written on WhatsApp yet, so free text can't be sent; send an approved template." });
    }
  }
  if (notices.length === 0) return null;
  return (
    <ul className="space-y-1" aria-label="Before you write">
      {notices.map((notice) => (
        <li
          key={notice.key}
          data-testid={`notice-${notice.key}`}
          className={`rounded-md px-3 py-2 text-sm ${notice.tone === "warn" ? "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-100" : "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200"}`}
        >
          {notice.text}
        </li>
      ))}
    </ul>
  );
}
