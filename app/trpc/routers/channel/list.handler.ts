import type { OrgScopedContext } from "~/trpc/trpc.server";
import { assertCanManageChannels } from "~/trpc/routers/channel/channel-guards.server";
import { listChannels, channelSettingsView } from "~/models/channel.server";

/** The organization's channels, without their credentials. */
export async function listChannelsHandler({ ctx }: { ctx: OrgScopedContext }) {
  assertCanManageChannels(ctx);
  const channels = await listChannels(ctx.db, { organizationId: ctx.org.id });
  return channels.map(channelSettingsView);
}
