// Which provider sends for a channel: WhatsApp and SMS through Twilio with the channel's own account
// when it is a Twilio channel, else the sandbox; email over SMTP with the channel's own server (or the
// global SMTP_URL), else the sandbox. Built per channel, from its sealed credentials.
import type { Channel } from "~/generated/prisma/client";
import { channelCredentials } from "~/models/channel.server";
import { createSmtpEmailProvider, createSandboxEmailProvider, type EmailProvider } from "~/providers/email/index.server";
import { createSandboxMessagingProvider, createTwilioMessagingProvider, type MessagingProvider } from "~/providers/messaging/index.server";
import { ProviderError } from "~/providers/provider-error";
import { prisma } from "~/utils/db.server";
import { appUrl, getEnv } from "~/utils/env.server";

export type ChannelSender =
  | { kind: "messaging"; provider: MessagingProvider; from: string; statusCallbackUrl: string }
  | { kind: "email"; provider: EmailProvider };

const cache = new Map<string, { secrets: string | null; updatedAt: number; sender: ChannelSender }>();
let sandboxMessaging: MessagingProvider | undefined;

function twilioFor(channel: Channel): MessagingProvider {
  const { accountSid, authToken } = channelCredentials(channel);
  if (!accountSid || !authToken) {
    throw new ProviderError("twilio", `The channel “${channel.name}” has no Twilio account SID and auth token.`, { retryable: false });
  }
  return createTwilioMessagingProvider({ accountSid, authToken, apiBaseUrl: getEnv().TWILIO_API_BASE_URL });
}

function emailFor(channel: Channel): EmailProvider {
  const env = getEnv();
  const url = channelCredentials(channel).smtpUrl ?? env.SMTP_URL;
  const from = `"${channel.name.replace(/"/g, "")}" <${channel.address}>`;
  if (url) return createSmtpEmailProvider({ url, from });
  return createSandboxEmailProvider({ db: prisma, from });
}

function build(channel: Channel): ChannelSender {
  if (channel.kind === "EMAIL") return { kind: "email", provider: emailFor(channel) };
  const provider = channel.provider === "TWILIO" ? twilioFor(channel) : (sandboxMessaging ??= createSandboxMessagingProvider({ db: prisma }));
  return {
    kind: "messaging",
    provider,
    from: channel.messagingServiceSid ?? channel.address,
    statusCallbackUrl: `${appUrl()}/webhooks/twilio/${channel.id}/status`,
  };
}

/** The sender for a channel, reused while the channel's settings and credentials stay the same. */
export function senderForChannel(channel: Channel): ChannelSender {
  const cached = cache.get(channel.id);
  if (cached && cached.secrets === channel.secrets && cached.updatedAt === channel.updatedAt.getTime()) return cached.sender;
  const sender = build(channel);
  cache.set(channel.id, { secrets: channel.secrets, updatedAt: channel.updatedAt.getTime(), sender });
  return sender;
}
