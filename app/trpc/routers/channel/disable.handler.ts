import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { DisableChannelInput } from "~/trpc/routers/channel/disable.schema";
import { assertCanManageChannels } from "~/trpc/routers/channel/channel-guards.server";
import { commandScope } from "~/trpc/command-scope.server";
import { disableChannel } from "~/services/channel/disable-channel.server";

/** Switches a channel off. */
export async function disableChannelHandler({ ctx, input }: { ctx: OrgScopedContext; input: DisableChannelInput }) {
  assertCanManageChannels(ctx);
  return ctx.db.$transaction((tx) => disableChannel(tx, commandScope(ctx), input));
}
