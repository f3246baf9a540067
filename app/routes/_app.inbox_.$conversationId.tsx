import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useFetcher, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { ErrorView } from "~/components/error-view";
import { useLiveRefresh, useWorkspaceTopics } from "~/components/live/live-events";
import { useTimeZone } from "~/components/use-app-data";
import { ChatHeader } from "~/components/conversation/chat-header";
import { ChatNotices } from "~/components/conversation/chat-notices";
import { CHAT_SEND_FETCHER, ChatComposer } from "~/components/conversation/chat-composer";
import { TemplateComposer } from "~/components/conversation/template-composer";
import { MessageList } from "~/components/conversation/message-list";
import { ContactProfilePanel } from "~/components/conversation/contact-profile-panel";
import type { ChatReply } from "~/components/conversation/chat-types";
import { getCaller, loaderCall } from "~/trpc/caller.server";
import { insertQuickReply, previewChatTemplate, sendChatMessage, sendChatTemplate, setChatStatus } from "~/web/chat-action.server";
import { assignConversationFromForm } from "~/web/assign-conversation-action.server";
import { dayRange, now as clockNow, timeZoneOrDefault, toLocalDateTimeInput } from "~/utils/clock";
import { liveTopic } from "~/utils/live-event";
import { ContactPaymentsSection } from "~/components/payment/contact-payments";
import type { ContactFormReply } from "~/domain/contact/contact-form-reply";
import { isPaymentLinkIntent, paymentLinkAction } from "~/web/payment-link-action.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.view.contact.name} · Inbox · Leadlane` : "Conversation · Leadlane" }];

function conversationIdOr404(value: string | undefined): string {
  const parsed = z.uuid().safeParse(value);
  if (!parsed.success) throw json({ message: "Conversation not found." }, { status: 404 });
  return parsed.data;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = conversationIdOr404(params.conversationId);
  const url = new URL(request.url);
  const before = url.searchParams.get("before") || undefined;
  const { caller, ctx } = await getCaller(request);
  const view = await loaderCall(request, () => caller.conversation.get({ id }));
  // Opening the conversation (and reloading it for a new message while it is open) reads it.
  if (view.canWork && view.conversation.unreadCount > 0) await loaderCall(request, () => caller.conversation.markRead({ id }));
  const [page, templates, quickReplies, profile, payments] = await Promise.all([
    loaderCall(request, () => caller.conversation.messages({ id, before })),
    loaderCall(request, () => caller.conversation.templates({ id })),
    loaderCall(request, () => caller.quickReply.list()),
    loaderCall(request, () => caller.contact.get({ id: view.contact.id })),
    loaderCall(request, () => caller.paymentLink.forContact({ contactId: view.contact.id })),
  ]);
  const timeZone = timeZoneOrDefault(ctx.org?.timeZone);
  // The snooze field starts at 09:00 tomorrow in the organization's zone.
  const tomorrow = dayRange(clockNow(), timeZone).end;
  return json({
    view,
    page,
    templates,
    quickReplies,
    profile,
    payments,
    before: before ?? null,
    tab: url.searchParams.get("tab") === "profile" ? ("profile" as const) : ("chat" as const),
    selectedTemplateId: url.searchParams.get("template") || null,
    defaultSnooze: `${toLocalDateTimeInput(tomorrow, timeZone).slice(0, 10)}T09:00`,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = conversationIdOr404(params.conversationId);
  const form = await request.formData();
  const { caller } = await getCaller(request);
  const intent = form.get("intent");
  if (isPaymentLinkIntent(intent)) {
    const { contact } = await caller.conversation.get({ id });
    const here = form.get("tab") === "profile" ? `/inbox/${id}?tab=profile` : `/inbox/${id}`;
    return paymentLinkAction(caller, intent, form, { contactId: contact.id, here });
  }
  switch (intent) {
    case "send":
      return sendChatMessage(caller, id, form);
    case "insertQuickReply":
      return insertQuickReply(caller, form);
    case "previewTemplate":
      return previewChatTemplate(caller, id, form);
    case "sendTemplate":
      return sendChatTemplate(caller, id, form);
    case "setStatus":
      return setChatStatus(caller, id, form);
    case "assign":
      return assignConversationFromForm(caller, form, `/inbox/${id}`);
    default:
      return json({ message: "Unknown action." }, { status: 400 });
  }
}

export default function ConversationPage() {
  const { view, page, templates, quickReplies, profile, payments, before, tab, selectedTemplateId, defaultSnooze } = useLoaderData<typeof loader>();
  const actionData = useActionData<ChatReply | ContactFormReply | { message: string }>();
  const sender = useFetcher<ChatReply>({ key: CHAT_SEND_FETCHER });
  const pageReply = actionData && "intent" in actionData && !("formKey" in actionData) ? actionData : undefined;
  const paymentReply = actionData && "formKey" in actionData ? actionData : undefined;
  // A refused send through the fetcher answers there; a plain post answers the page.
  const composerReply = sender.data && sender.state === "idle" ? sender.data : pageReply;
  const timeZone = useTimeZone();
  useLiveRefresh([liveTopic("conversation", view.conversation.id), liveTopic("contact", view.contact.id)], ["message.changed", "conversation.changed", "contact.changed", "payment.changed"]);
  // An admin adding, approving or removing a template changes what the composer offers.
  useLiveRefresh([useWorkspaceTopics().templates], ["messageTemplate.changed"]);
  return (
    <div className="mx-auto max-w-6xl space-y-3">
      <ChatHeader view={view} reply={pageReply} timeZone={timeZone} defaultSnooze={defaultSnooze} tab={tab} />
      <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_20rem]">
        <div className={`${tab === "profile" ? "hidden lg:block" : ""} min-w-0 space-y-3`}>
          <MessageList page={page} conversationId={view.conversation.id} before={before} timeZone={timeZone} />
          <section aria-label="Reply" className="space-y-3 rounded-lg border border-slate-200 bg-white p-3 shadow-sm dark:border-slate-800 dark:bg-slate-900">
            {view.canWork ? null : <p className="text-sm text-slate-600 dark:text-slate-300">{view.cannotWorkReason}</p>}
            <ChatNotices view={view} timeZone={timeZone} />
            <ChatComposer key={view.conversation.id} view={view} quickReplies={quickReplies} reply={composerReply} />
            {view.canWork ? <TemplateComposer view={view} templates={templates} selectedId={selectedTemplateId} reply={pageReply} /> : null}
          </section>
        </div>
        <aside className={`${tab === "profile" ? "" : "hidden lg:block"} min-w-0`}>
          <div className="space-y-3">
            <ContactPaymentsSection contactId={view.contact.id} data={payments} reply={paymentReply} defaultConversationId={view.conversation.id} />
            <ContactProfilePanel profile={profile} />
          </div>
        </aside>
      </div>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorView />;
}
