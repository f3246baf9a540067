// Editing a channel: its name, sender, rate and credentials. A credential left empty keeps the stored
// one; `removeCredentials` deletes them (back to the sandbox, or to the server's SMTP for email).
import type { UpdateChannelInput } from "~/domain/channel/channel-fields.schema";
import { channelCredentials, channelSettingsView, findChannel, savedCredentialNames, updateChannelRow } from "~/models/channel.server";
import type { CommandContext, CommandTx } from "~/services/command.server";
import { channelAddressTaken, channelNotFound } from "~/services/channel/channel-errors.server";
import {
  assertAddressFree,
  assertTwilioPair,
  newInboundSecret,
  providerFor,
  sealedSecrets,
  senderAddress,
} from "~/services/channel/channel-settings.server";
import { fieldError } from "~/services/field-error.server";
import { isUniqueViolation } from "~/utils/prisma-errors.server";
import type { ChannelCredentials } from "~/models/channel.server";

/** Saves the channel; returns it (without credentials) and, when one was made, the new inbound secret (shown once). */
export async function updateChannel(tx: CommandTx, { organizationId }: CommandContext, input: UpdateChannelInput) {
  const channel = await findChannel(tx, { organizationId, id: input.id });
  if (!channel) throw channelNotFound();
  if (channel.kind !== input.kind) throw fieldError("BAD_REQUEST", "kind", "A channel's kind can't change; add a new channel instead.");
  const address = senderAddress(input);
  await assertAddressFree(tx, { organizationId, kind: input.kind, address, exceptId: channel.id });

  // Credentials sealed under a key no longer configured can't be opened: they are replaced by what is entered.
  const stored = savedCredentialNames(channel) === null ? {} : channelCredentials(channel);
  const next: ChannelCredentials = input.removeCredentials ? { inboundSecret: stored.inboundSecret } : { ...stored };
  if (input.accountSid) next.accountSid = input.accountSid;
  if (input.authToken) next.authToken = input.authToken;
  if (input.smtpUrl) next.smtpUrl = input.smtpUrl;
  let inboundSecret: string | undefined;
  if (input.kind === "EMAIL" && (input.newInboundSecret || !next.inboundSecret)) {
    inboundSecret = newInboundSecret();
    next.inboundSecret = inboundSecret;
  }
  if (input.kind !== "EMAIL") assertTwilioPair(next);

  const row = {
    organizationId,
    id: channel.id,
    provider: providerFor(input.kind, next),
    name: input.name,
    address,
    messagingServiceSid: input.kind === "EMAIL" ? null : (input.messagingServiceSid ?? null),
    ratePerSecond: input.ratePerSecond ?? null,
    secrets: sealedSecrets(channel.id, input.kind, next),
  };
  await tx.$executeRaw`SAVEPOINT update_channel`;
  try {
    await updateChannelRow(tx, row);
    await tx.$executeRaw`RELEASE SAVEPOINT update_channel`;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    await tx.$executeRaw`ROLLBACK TO SAVEPOINT update_channel`;
    throw channelAddressTaken(input.kind, address);
  }
  const saved = (await findChannel(tx, { organizationId, id: channel.id }))!;
  return { channel: channelSettingsView(saved), inboundSecret };
}
