// Switching a channel off: nothing is sent from it and its webhooks are refused. Its conversations stay.
import { findChannel, channelSettingsView, updateChannelRow } from "~/models/channel.server";
import type { CommandContext, CommandTx } from "~/services/command.server";
import { channelNotFound } from "~/services/channel/channel-errors.server";

export async function disableChannel(tx: CommandTx, { organizationId }: CommandContext, input: { id: string }) {
  const channel = await findChannel(tx, { organizationId, id: input.id });
  if (!channel) throw channelNotFound();
  if (channel.enabled) await updateChannelRow(tx, { organizationId, id: channel.id, enabled: false });
  return channelSettingsView({ ...channel, enabled: false });
}
