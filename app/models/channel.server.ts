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

/** findChannelForWebhook for several ids at once (those that exist). */
export async function findChannelsForWebhook(db: Tx, { ids }: { ids: string[] }): Promise<Channel[]> {
  if (ids.length === 0) return [];
  return db.$queryRaw<Channel[]>`SELECT ${CHANNEL_COLUMNS} FROM "Channel" WHERE "id" = ANY(${ids}::uuid[])`;
}

export async function findChannel(db: Tx, { organizationId, id }: { organizationId: string; id: string }): Promise<Channel | null> {
  const rows = await db.$queryRaw<Channel[]>`
    SELECT ${CHANNEL_COLUMNS} FROM "Channel" WHERE "organizationId" = ${organizationId}::uuid AND "id" = ${id}::uuid`;
  return rows[0] ?? null;
}

/** The organization's channels with these ids (those that exist). */
export async function findChannels(db: Tx, { organizationId, ids }: { organizationId: string; ids: string[] }): Promise<Channel[]> {
  if (ids.length === 0) return [];
  return db.$queryRaw<Channel[]>`
    SELECT ${CHANNEL_COLUMNS} FROM "Channel" WHERE "organizationId" = ${organizationId}::uuid AND "id" = ANY(${ids}::uuid[])`;
}

/** What a browser may see of a channel: everything but its credentials (only whether it has them). */
export function publicChannel(channel: Channel) {
  const { secrets, ...rest } = channel;
  return { ...rest, hasCredentials: secrets !== null };
}

/**
 * Which credentials the channel stores, by name only ("accountSid", "smtpUrl"…), so a form can say
 * "saved"; null when they cannot be opened (sealed under a key no longer configured).
 */
export function savedCredentialNames(channel: Pick<Channel, "id" | "secrets">): Array<keyof ChannelCredentials> | null {
  try {
    const credentials = channelCredentials(channel);
    return (Object.keys(credentials) as Array<keyof ChannelCredentials>).filter((name) => credentials[name]).sort();
  } catch {
    return null;
  }
}

/** A channel for the settings page: publicChannel and the names of its saved credentials. */
export function channelSettingsView(channel: Channel) {
  return { ...publicChannel(channel), savedCredentials: savedCredentialNames(channel) };
}

/** The organization's channels, enabled first, then by kind and name. */
export function listChannels(db: Tx, { organizationId }: { organizationId: string }) {
  return db.channel.findMany({ where: { organizationId }, orderBy: [{ enabled: "desc" }, { kind: "asc" }, { name: "asc" }, { id: "asc" }] });
}

/** The channel of `kind` that sends from `address`, if the organization has one. */
export function findChannelByAddress(db: Tx, { organizationId, kind, address }: { organizationId: string; kind: Channel["kind"]; address: string }) {
  return db.channel.findUnique({ where: { organizationId_kind_address: { organizationId, kind, address } } });
}

export type ChannelRowInput = Pick<Channel, "kind" | "provider" | "name" | "address" | "messagingServiceSid" | "ratePerSecond" | "secrets">;

/** Inserts a channel under `id` (chosen by the caller, because its sealed credentials are bound to it). */
export function insertChannel(db: Tx, { organizationId, id, ...row }: ChannelRowInput & { organizationId: string; id: string }) {
  return db.channel.create({ data: { organizationId, id, ...row } });
}

/** Updates one of the organization's channels; the number of rows changed (0: not the organization's). */
export async function updateChannelRow(
  db: Tx,
  { organizationId, id, ...data }: Partial<Omit<ChannelRowInput, "kind">> & { enabled?: boolean; organizationId: string; id: string },
): Promise<number> {
  const { count } = await db.channel.updateMany({ where: { organizationId, id }, data });
  return count;
}
