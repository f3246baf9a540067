// Switching a disabled channel back on, with the settings and credentials it had.
import { findChannel, channelSettingsView, updateChannelRow } from "~/models/channel.server";
import type { CommandContext, CommandTx } from "~/services/command.server";
import { channelNotFound } from "~/services/channel/channel-errors.server";

export async function enableChannel(tx: CommandTx, { organizationId }: CommandContext, input: { id: string }) {
  const channel = await findChannel(tx, { organizationId, id: input.id });
  if (!channel) throw channelNotFound();
  if (!channel.enabled) await updateChannelRow(tx, { organizationId, id: channel.id, enabled: true });
  return channelSettingsView({ ...channel, enabled: true });
}
