import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { GetChannelInput } from "~/trpc/routers/channel/get.schema";
import { assertCanManageChannels } from "~/trpc/routers/channel/channel-guards.server";
import { findChannel, channelSettingsView } from "~/models/channel.server";
import { channelNotFound } from "~/services/channel/channel-errors.server";

/** One of the organization's channels, without its credentials. */
export async function getChannelHandler({ ctx, input }: { ctx: OrgScopedContext; input: GetChannelInput }) {
  assertCanManageChannels(ctx);
  const channel = await findChannel(ctx.db, { organizationId: ctx.org.id, id: input.id });
  if (!channel) throw channelNotFound();
  return channelSettingsView(channel);
}
