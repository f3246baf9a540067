import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { EnableChannelInput } from "~/trpc/routers/channel/enable.schema";
import { assertCanManageChannels } from "~/trpc/routers/channel/channel-guards.server";
import { commandScope } from "~/trpc/command-scope.server";
import { enableChannel } from "~/services/channel/enable-channel.server";

/** Switches a channel back on. */
export async function enableChannelHandler({ ctx, input }: { ctx: OrgScopedContext; input: EnableChannelInput }) {
  assertCanManageChannels(ctx);
  return ctx.db.$transaction((tx) => enableChannel(tx, commandScope(ctx), input));
}
