// Switching a channel off: it stops taking inbound email (its webhook answers 404) and should send nothing. Its conversations stay.
import { findChannel, channelSettingsView, updateChannelRow } from "~/models/channel.server";
import type { CommandContext, CommandTx } from "~/services/command.server";
import { channelNotFound } from "~/services/channel/channel-errors.server";

export async function disableChannel(tx: CommandTx, { organizationId }: CommandContext, input: { id: string }) {
  const channel = await findChannel(tx, { organizationId, id: input.id });
  if (!channel) throw channelNotFound();
  if (channel.enabled) await updateChannelRow(tx, { organizationId, id: channel.id, enabled: false });
  return channelSettingsView({ ...channel, enabled: false });
}
