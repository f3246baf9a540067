import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { CreateChannelInput } from "~/trpc/routers/channel/create.schema";
import { assertCanManageChannels } from "~/trpc/routers/channel/channel-guards.server";
import { commandScope } from "~/trpc/command-scope.server";
import { createChannel } from "~/services/channel/create-channel.server";

/** Connects a channel; an email channel's new inbound secret is in the answer, once. */
export async function createChannelHandler({ ctx, input }: { ctx: OrgScopedContext; input: CreateChannelInput }) {
  assertCanManageChannels(ctx);
  return ctx.db.$transaction((tx) => createChannel(tx, commandScope(ctx), input));
}
