import { CHANNEL_KIND_LABELS, CHANNEL_PROVIDER_LABELS, DEFAULT_RATE_PER_SECOND, type ChannelKindValue } from "~/domain/channel/channel-fields.schema";

type SummaryChannel = {
  name: string;
  kind: ChannelKindValue;
  provider: keyof typeof CHANNEL_PROVIDER_LABELS;
  address: string;
  messagingServiceSid: string | null;
  ratePerSecond: number | null;
  enabled: boolean;
  savedCredentials: string[] | null;
};

/** The sender as customers see it; a channel sending only through a Messaging Service shows that. */
export function channelSender(channel: Pick<SummaryChannel, "address" | "messagingServiceSid">): string {
  return channel.messagingServiceSid && channel.address === channel.messagingServiceSid ? `Messaging Service ${channel.address}` : channel.address;
}

/** Name, kind, sender, provider, rate and state of a channel; credentials only as "saved". */
export function ChannelSummary({ channel }: { channel: SummaryChannel }) {
  const rate = channel.ratePerSecond ?? DEFAULT_RATE_PER_SECOND[channel.kind];
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="text-base font-semibold">{channel.name}</h3>
        <span className="rounded bg-slate-100 px-2 py-0.5 text-xs font-medium dark:bg-slate-800">{CHANNEL_KIND_LABELS[channel.kind]}</span>
        {channel.enabled ? null : <span className="rounded bg-red-100 px-2 py-0.5 text-xs font-medium text-red-800 dark:bg-red-950 dark:text-red-200">Off</span>}
      </div>
      <p className="break-all text-sm text-slate-700 dark:text-slate-200">{channelSender(channel)}</p>
      <p className="text-sm text-slate-600 dark:text-slate-300">
        {CHANNEL_PROVIDER_LABELS[channel.provider]} · {rate.toLocaleString("en-IN")} per second{channel.ratePerSecond === null ? " (default)" : ""}
        {channel.savedCredentials === null
          ? " · Credentials can't be opened: enter them again"
          : channel.savedCredentials.some((name) => name !== "inboundSecret")
            ? " · Credentials saved"
            : ""}
      </p>
    </div>
  );
}
