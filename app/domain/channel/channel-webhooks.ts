// The addresses a provider posts to for a channel, as the settings page shows them to paste into
// Twilio's console or an email relay. The routes under app/routes/webhooks.* answer them.

/** The header an email relay sends the channel's inbound secret in. */
export const INBOUND_EMAIL_SECRET_HEADER = "X-Leadlane-Secret";

export type ChannelWebhookUrls =
  | { kind: "twilio"; inbound: string; status: string }
  | { kind: "email"; inbound: string };

export function channelWebhookUrls(baseUrl: string, channel: { id: string; kind: "WHATSAPP" | "SMS" | "EMAIL" }): ChannelWebhookUrls {
  const base = baseUrl.replace(/\/+$/, "");
  if (channel.kind === "EMAIL") return { kind: "email", inbound: `${base}/webhooks/email/${channel.id}/inbound` };
  return {
    kind: "twilio",
    inbound: `${base}/webhooks/twilio/${channel.id}/inbound`,
    status: `${base}/webhooks/twilio/${channel.id}/status`,
  };
}
