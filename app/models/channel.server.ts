// Prisma reads and writes for channels, always scoped by organization (or by the channel's own id
// for a webhook, which carries no session). Credentials are sealed before they are written and
// opened only on the server, for a provider call or a signature check.
import { z } from "zod";
import { Prisma, type Channel, type PrismaClient } from "~/generated/prisma/client";
import { openSecret, sealSecret } from "~/utils/secret-box.server";

type Tx = Prisma.TransactionClient | PrismaClient;

/** What a channel's `secrets` holds once opened. Every field is optional: a sandbox channel holds none. */
export const channelCredentialsSchema = z.object({
  /** Twilio account (AC…) and its auth token: API calls, and the X-Twilio-Signature key. */
  accountSid: z.string().optional(),
  authToken: z.string().optional(),
  /** SMTP for an email channel: smtp(s)://user:password@host:port. */
  smtpUrl: z.string().optional(),
  /** The shared secret an inbound-email relay sends with each raw message. */
  inboundSecret: z.string().optional(),
});
export type ChannelCredentials = z.infer<typeof channelCredentialsSchema>;

/** The additional data a channel's sealed credentials are bound to: they open on this row only. */
const boundTo = (channelId: string) => `channel:${channelId}`;

export function sealChannelCredentials(channelId: string, credentials: ChannelCredentials): string {
  return sealSecret(JSON.stringify(channelCredentialsSchema.parse(credentials)), boundTo(channelId));
}

/** The channel's credentials, opened; {} when it stores none. Throws if they cannot be opened. */
export function channelCredentials(channel: Pick<Channel, "id" | "secrets">): ChannelCredentials {
  if (!channel.secrets) return {};
  return channelCredentialsSchema.parse(JSON.parse(openSecret(channel.secrets, boundTo(channel.id))));
}

// Channel reads run on every webhook and every inbound message, so they are one plain statement
// (Prisma's query building costs more than the query here).
const CHANNEL_COLUMNS = Prisma.sql`"id", "organizationId", "kind"::text AS "kind", "provider"::text AS "provider", "name", "address",
  "messagingServiceSid", "ratePerSecond", "secrets", "enabled", "createdAt", "updatedAt"`;

/** A channel by id, for a webhook: the id in the URL is all it has (the signature then proves the sender). */
export async function findChannelForWebhook(db: Tx, { id }: { id: string }): Promise<Channel | null> {
  const rows = await db.$queryRaw<Channel[]>`SELECT ${CHANNEL_COLUMNS} FROM "Channel" WHERE "id" = ${id}::uuid`;
  return rows[0] ?? null;
}

export async function findChannel(db: Tx, { organizationId, id }: { organizationId: string; id: string }): Promise<Channel | null> {
  const rows = await db.$queryRaw<Channel[]>`
    SELECT ${CHANNEL_COLUMNS} FROM "Channel" WHERE "organizationId" = ${organizationId}::uuid AND "id" = ${id}::uuid`;
  return rows[0] ?? null;
}

/** What a browser may see of a channel: everything but its credentials (only whether it has them). */
export function publicChannel(channel: Channel) {
  const { secrets, ...rest } = channel;
  return { ...rest, hasCredentials: secrets !== null };
}
