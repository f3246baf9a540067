// How many messages a sender may send per second when its channel does not say (Channel.ratePerSecond
// null): Twilio's default for a WhatsApp sender, an SMS long code's one per second, and a modest
// pace for an SMTP mailbox. Browser-safe: the channel settings show the same defaults.
export type ChannelKind = "WHATSAPP" | "SMS" | "EMAIL";

export const DEFAULT_SENDS_PER_SECOND: Record<ChannelKind, number> = { WHATSAPP: 80, SMS: 1, EMAIL: 10 };

export function sendsPerSecond(channel: { kind: ChannelKind; ratePerSecond: number | null }): number {
  return channel.ratePerSecond && channel.ratePerSecond > 0 ? channel.ratePerSecond : DEFAULT_SENDS_PER_SECOND[channel.kind];
}
