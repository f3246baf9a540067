// On a contact's page: their conversations (channel, last message, a link to each) and a form that
// writes to them on a channel, opening (or continuing) that conversation. A plain form post.
import { Form, Link, useNavigation } from "@remix-run/react";
import { getFormProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { SerializeFrom } from "@remix-run/node";
import type { contactConversationsHandler } from "~/trpc/routers/conversation/for-contact.handler";
import type { ContactFormReply } from "~/domain/contact/contact-form-reply";
import { startConversationSchema } from "~/domain/conversation/start-conversation.schema";
import { CONSENT_CHANNEL_LABELS } from "~/domain/contact/contact-labels";
import { CONVERSATION_STATUS_LABELS } from "~/domain/conversation/conversation-status";
import { Card } from "~/components/ui/card";
import { Button } from "~/components/ui/button";
import { FormError } from "~/components/ui/field";
import { formatDateTime } from "~/utils/format";
import { useTimeZone } from "~/components/use-app-data";

export type ContactConversations = SerializeFrom<Awaited<ReturnType<typeof contactConversationsHandler>>>;

const CONTROL = "mt-1 block w-full max-w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900";

function StartConversationForm({ contactId, channels, reply }: { contactId: string; channels: ContactConversations["channels"]; reply: ContactFormReply | undefined }) {
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "start-conversation",
    lastResult: reply?.intent === "startConversation" ? reply.result : undefined,
    defaultValue: { contactId, channelId: channels[0]?.id ?? "" },
    shouldValidate: "onBlur",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: startConversationSchema }),
  });
  const pending = navigation.state === "submitting" && navigation.formData?.get("intent") === "startConversation";
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-2">
      <input type="hidden" name="intent" value="startConversation" />
      <input type="hidden" name="contactId" value={contactId} />
      <FormError errors={form.errors} />
      <label className="block text-sm">
        <span className="font-medium">Message on</span>
        <select {...getSelectProps(fields.channelId)} className={CONTROL}>
          {channels.map((channel) => (
            <option key={channel.id} value={channel.id}>
              {CONSENT_CHANNEL_LABELS[channel.kind]} · {channel.name}
            </option>
          ))}
        </select>
      </label>
      <label className="block text-sm">
        <span className="font-medium">Message</span>
        <textarea {...getTextareaProps(fields.body)} rows={2} maxLength={4096} className={CONTROL} />
        {fields.body.errors?.[0] ? <span className="text-red-600 dark:text-red-400">{fields.body.errors[0]}</span> : null}
      </label>
      <Button pending={pending} pendingText="Sending…">
        Send and open the chat
      </Button>
    </Form>
  );
}

export function ContactConversationsSection({ contactId, data, reply }: { contactId: string; data: ContactConversations; reply: ContactFormReply | undefined }) {
  const timeZone = useTimeZone();
  return (
    <Card title="Conversations">
      {data.conversations.length ? (
        <ul className="mb-3 divide-y divide-slate-200 text-sm dark:divide-slate-800" aria-label="Conversations">
          {data.conversations.map((conversation) => (
            <li key={conversation.id} className="py-2">
              <Link to={`/inbox/${conversation.id}`} className="font-medium underline">
                {CONSENT_CHANNEL_LABELS[conversation.channel.kind]} · {conversation.channel.name}
              </Link>
              <span className="text-slate-500"> · {CONVERSATION_STATUS_LABELS[conversation.status]}</span>
              {conversation.unreadCount ? <span className="ml-1 rounded bg-brand-600 px-1.5 text-xs text-white">{conversation.unreadCount} unread</span> : null}
              <p className="truncate text-slate-600 dark:text-slate-300">
                {conversation.lastMessagePreview || "No messages yet"} · {formatDateTime(conversation.lastMessageAt, timeZone)}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mb-3 text-sm text-slate-500">No conversations yet.</p>
      )}
      {data.canStart && data.channels.length ? <StartConversationForm contactId={contactId} channels={data.channels} reply={reply} /> : null}
      {data.canStart && data.channels.length === 0 ? <p className="text-sm text-slate-500">No channel is switched on yet (Settings → Channels).</p> : null}
    </Card>
  );
}
