// Connecting a channel: a WhatsApp or SMS sender on Twilio (or the sandbox), or an email address.
import { randomUUID } from "node:crypto";
import type { CreateChannelInput } from "~/domain/channel/channel-fields.schema";
import { insertChannel, channelSettingsView } from "~/models/channel.server";
import type { CommandContext, CommandTx } from "~/services/command.server";
import { channelAddressTaken } from "~/services/channel/channel-errors.server";
import {
  assertAddressFree,
  assertTwilioPair,
  newInboundSecret,
  providerFor,
  sealedSecrets,
  senderAddress,
} from "~/services/channel/channel-settings.server";
import { isUniqueViolation } from "~/utils/prisma-errors.server";

/**
 * Creates the channel with its credentials sealed. An email channel gets a new inbound secret, returned
 * here once (as `inboundSecret`) so the admin can give it to their mail relay; it is never shown again.
 */
export async function createChannel(tx: CommandTx, { organizationId }: CommandContext, input: CreateChannelInput) {
  const address = senderAddress(input);
  await assertAddressFree(tx, { organizationId, kind: input.kind, address });
  const inboundSecret = input.kind === "EMAIL" ? newInboundSecret() : undefined;
  const credentials = { accountSid: input.accountSid, authToken: input.authToken, smtpUrl: input.smtpUrl, inboundSecret };
  if (input.kind !== "EMAIL") assertTwilioPair(credentials);
  const id = randomUUID();
  // Two admins adding the same sender at once: the unique index decides, and the savepoint keeps the
  // caller's transaction usable after the loser's insert fails.
  await tx.$executeRaw`SAVEPOINT create_channel`;
  try {
    const channel = await insertChannel(tx, {
      organizationId,
      id,
      kind: input.kind,
      provider: providerFor(input.kind, credentials),
      name: input.name,
      address,
      messagingServiceSid: input.kind === "EMAIL" ? null : (input.messagingServiceSid ?? null),
      ratePerSecond: input.ratePerSecond ?? null,
      secrets: sealedSecrets(id, input.kind, credentials),
    });
    await tx.$executeRaw`RELEASE SAVEPOINT create_channel`;
    return { channel: channelSettingsView(channel), inboundSecret };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    await tx.$executeRaw`ROLLBACK TO SAVEPOINT create_channel`;
    throw channelAddressTaken(input.kind, address);
  }
}
