// A conversation's channel as a small label: its kind in words (with a colour per kind) and its name.
import { CHANNEL_KIND_LABELS, type ChannelKindValue } from "~/domain/channel/channel-fields.schema";

const KIND_CLASSES: Record<ChannelKindValue, string> = {
  WHATSAPP: "bg-emerald-100 text-emerald-800 dark:bg-emerald-900/50 dark:text-emerald-100",
  SMS: "bg-sky-100 text-sky-800 dark:bg-sky-900/50 dark:text-sky-100",
  EMAIL: "bg-amber-100 text-amber-900 dark:bg-amber-900/50 dark:text-amber-100",
};

const KIND_MARKS: Record<ChannelKindValue, string> = { WHATSAPP: "WA", SMS: "SMS", EMAIL: "@" };

export function ChannelBadge({ kind, name }: { kind: ChannelKindValue; name: string }) {
  return (
    <span className={`inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs font-medium ${KIND_CLASSES[kind]}`} title={name}>
      <span aria-hidden>{KIND_MARKS[kind]}</span>
      <span className="sr-only">{CHANNEL_KIND_LABELS[kind]}:</span>
      <span className="max-w-[8rem] truncate">{name}</span>
    </span>
  );
}
