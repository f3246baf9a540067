// The rules createChannel and updateChannel share: which sender a channel has, which credentials it
// keeps (sealed, bound to its row), and which provider that makes it.
import { randomBytes } from "node:crypto";
import type { Channel, ChannelProvider } from "~/generated/prisma/client";
import type { ChannelKindValue } from "~/domain/channel/channel-fields.schema";
import { findChannelByAddress, sealChannelCredentials, type ChannelCredentials } from "~/models/channel.server";
import type { CommandTx } from "~/services/command.server";
import { channelAddressTaken } from "~/services/channel/channel-errors.server";
import { fieldError } from "~/services/field-error.server";
import { getEnv } from "~/utils/env.server";
import { normalizePhone } from "~/utils/phone.server";

/** A new inbound-email secret: 32 random bytes, URL-safe. */
export function newInboundSecret(): string {
  return randomBytes(32).toString("base64url");
}

/**
 * The `address` column: the E.164 sender (checked again with the full phone metadata), the email
 * address, or for a WhatsApp or SMS channel that sends only through a Messaging Service, its SID.
 */
export function senderAddress(input: { kind: ChannelKindValue; address?: string; messagingServiceSid?: string }): string {
  if (input.kind === "EMAIL") return input.address!;
  if (!input.address) return input.messagingServiceSid!;
  const phone = normalizePhone(input.address);
  if (!phone) throw fieldError("BAD_REQUEST", "address", "Enter the sender number with its country code, such as +91 98765 43210");
  return phone;
}

/** Refuses an address another channel of the organization (of the same kind) already has. */
export async function assertAddressFree(
  tx: CommandTx,
  { organizationId, kind, address, exceptId }: { organizationId: string; kind: ChannelKindValue; address: string; exceptId?: string },
) {
  const existing = await findChannelByAddress(tx, { organizationId, kind, address });
  if (existing && existing.id !== exceptId) throw channelAddressTaken(kind, address);
}

/** Twilio's account SID and auth token go together: one without the other is refused on its field. */
export function assertTwilioPair(credentials: ChannelCredentials) {
  if (credentials.accountSid && !credentials.authToken) throw fieldError("BAD_REQUEST", "authToken", "Enter the auth token that goes with the account SID");
  if (credentials.authToken && !credentials.accountSid) throw fieldError("BAD_REQUEST", "accountSid", "Enter the account SID that goes with the auth token");
}

/** Twilio with credentials, SMTP with its own URL or the server's SMTP_URL; the sandbox otherwise. */
export function providerFor(kind: ChannelKindValue, credentials: ChannelCredentials): ChannelProvider {
  if (kind === "EMAIL") return credentials.smtpUrl || getEnv().SMTP_URL ? "SMTP" : "SANDBOX";
  return credentials.accountSid && credentials.authToken ? "TWILIO" : "SANDBOX";
}

/** Only what the kind uses, without empty values. */
function keptCredentials(kind: ChannelKindValue, credentials: ChannelCredentials): ChannelCredentials {
  const picked: ChannelCredentials =
    kind === "EMAIL"
      ? { smtpUrl: credentials.smtpUrl, inboundSecret: credentials.inboundSecret }
      : { accountSid: credentials.accountSid, authToken: credentials.authToken };
  return Object.fromEntries(Object.entries(picked).filter(([, value]) => value)) as ChannelCredentials;
}

/** The `secrets` column for `credentials`: sealed to the channel's id, or null when there are none. */
export function sealedSecrets(channelId: string, kind: ChannelKindValue, credentials: ChannelCredentials): Channel["secrets"] {
  const kept = keptCredentials(kind, credentials);
  return Object.keys(kept).length === 0 ? null : sealChannelCredentials(channelId, kept);
}
