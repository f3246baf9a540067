// The chat's header: who (a link to the contact's page), on which channel, its status control, who it
// is assigned to (and the assign control), and on a phone the Chat / Profile tabs (plain links, so they work without JavaScript).
import { Link } from "@remix-run/react";
import type { ChatReply, ChatView } from "~/components/conversation/chat-types";
import { ChatStatusControl } from "~/components/conversation/chat-status-control";
import { AssignConversationForm } from "~/components/conversation/assign-conversation-form";
import { useAppData } from "~/components/use-app-data";
import { CONSENT_CHANNEL_LABELS } from "~/domain/contact/contact-labels";

export function ChatHeader({
  view,
  reply,
  timeZone,
  defaultSnooze,
  tab,
}: {
  view: ChatView;
  reply: ChatReply | undefined;
  timeZone: string;
  defaultSnooze: string;
  tab: "chat" | "profile";
}) {
  const base = `/inbox/${view.conversation.id}`;
  const myUserId = useAppData().user.id;
  const tabClass = (active: boolean) =>
    `flex-1 border-b-2 px-3 py-2 text-center text-sm font-medium ${active ? "border-brand-600 text-brand-700 dark:text-brand-100" : "border-transparent text-slate-600 dark:text-slate-300"}`;
  return (
    <header className="space-y-3 rounded-lg border border-slate-200 bg-white p-3 shadow-sm dark:border-slate-800 dark:bg-slate-900 sm:p-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <div className="min-w-0">
          <p className="text-xs">
            <Link to="/inbox" className="text-slate-500 underline">
              Inbox
            </Link>
          </p>
          <h1 className="text-lg font-semibold [overflow-wrap:anywhere]">
            <Link to={`/contacts/${view.contact.id}`} className="hover:underline">
              {view.contact.name}
            </Link>
          </h1>
          <p className="text-sm text-slate-600 dark:text-slate-300 [overflow-wrap:anywhere]">
            {CONSENT_CHANNEL_LABELS[view.channel.kind]} · {view.channel.name}
            {view.channel.enabled ? "" : " (turned off)"}
          </p>
        </div>
        <AssignConversationForm
          conversationId={view.conversation.id}
          contactName={view.contact.name}
          assigneeId={view.conversation.assignee?.id ?? null}
          assigneeName={view.conversation.assignee?.name ?? null}
          choice={view.assign}
          assignees={view.assignees}
          myUserId={myUserId}
        />
      </div>
      <ChatStatusControl view={view} reply={reply} timeZone={timeZone} defaultSnooze={defaultSnooze} />
      <nav aria-label="Conversation" className="flex border-b border-slate-200 dark:border-slate-800 lg:hidden">
        <Link to={base} className={tabClass(tab === "chat")} aria-current={tab === "chat" ? "page" : undefined} replace preventScrollReset>
          Chat
        </Link>
        <Link to={`${base}?tab=profile`} className={tabClass(tab === "profile")} aria-current={tab === "profile" ? "page" : undefined} replace preventScrollReset>
          Profile
        </Link>
      </nav>
    </header>
  );
}
