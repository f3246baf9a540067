// A conversation as the customer's phone shows it: their own messages on the right, the business's
// on the left with its delivery ticks. Text is rendered as text (never as HTML).
import { MessageTicks } from "~/components/conversation/message-ticks";
import { mediaWord, type MessageMedia } from "~/domain/conversation/message-preview";
import { formatDateTime } from "~/utils/format";

export type CustomerThreadMessage = {
  id: string;
  direction: "INBOUND" | "OUTBOUND";
  status: string;
  body: string;
  subject: string | null;
  media: unknown;
  createdAt: string;
  errorMessage: string | null;
};


function mediaOf(value: unknown): MessageMedia[] {
  return Array.isArray(value) ? (value as MessageMedia[]) : [];
}

function Attachment({ media }: { media: MessageMedia }) {
  if (media.type === "location") {
    return (
      <p className="text-xs">
        📍 {media.name ?? "Location"} ({media.latitude}, {media.longitude})
      </p>
    );
  }
  if (media.type === "image" && media.url?.startsWith("/")) return <img src={media.url} alt="Photo" className="max-h-32 rounded" />;
  return <p className="text-xs">📎 {media.name ?? mediaWord(media)}</p>;
}

export function CustomerThread({ messages, timeZone }: { messages: CustomerThreadMessage[]; timeZone: string }) {
  if (messages.length === 0) return <p className="p-4 text-sm text-slate-500">No messages yet.</p>;
  return (
    <ol aria-label="Messages on the customer's phone" className="space-y-2 p-3">
      {messages.map((message) => {
        const mine = message.direction === "INBOUND";
        return (
          <li key={message.id} className={`flex ${mine ? "justify-end" : "justify-start"}`}>
            <div
              aria-label={mine ? "The customer wrote" : "The business wrote"}
              className={`max-w-[85%] space-y-1 rounded-lg px-3 py-2 text-sm shadow-sm ${
                mine ? "rounded-tr-none bg-emerald-100 text-slate-900 dark:bg-emerald-900 dark:text-slate-50" : "rounded-tl-none bg-white text-slate-900 dark:bg-slate-800 dark:text-slate-50"
              }`}
            >
              {message.subject ? <p className="font-semibold">{message.subject}</p> : null}
              {mediaOf(message.media).map((media, index) => (
                <Attachment key={index} media={media} />
              ))}
              {message.body ? <p className="whitespace-pre-wrap break-words">{message.body}</p> : null}
              <p className="flex items-center justify-end gap-1 text-[11px] text-slate-500 dark:text-slate-400">
                <time dateTime={message.createdAt}>{formatDateTime(message.createdAt, timeZone)}</time>
                {mine ? null : <MessageTicks status={message.status} />}
              </p>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
