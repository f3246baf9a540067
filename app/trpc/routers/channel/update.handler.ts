import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { UpdateChannelInput } from "~/trpc/routers/channel/update.schema";
import { assertCanManageChannels } from "~/trpc/routers/channel/channel-guards.server";
import { commandScope } from "~/trpc/command-scope.server";
import { updateChannel } from "~/services/channel/update-channel.server";

/** Saves a channel's settings; empty credentials keep the stored ones. */
export async function updateChannelHandler({ ctx, input }: { ctx: OrgScopedContext; input: UpdateChannelInput }) {
  assertCanManageChannels(ctx);
  return ctx.db.$transaction((tx) => updateChannel(tx, commandScope(ctx), input));
}
