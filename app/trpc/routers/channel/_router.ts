import { orgProcedure, router } from "~/trpc/trpc.server";
import { listChannelsHandler } from "~/trpc/routers/channel/list.handler";
import { getChannelSchema } from "~/trpc/routers/channel/get.schema";
import { getChannelHandler } from "~/trpc/routers/channel/get.handler";
import { createChannelSchema } from "~/trpc/routers/channel/create.schema";
import { createChannelHandler } from "~/trpc/routers/channel/create.handler";
import { updateChannelSchema } from "~/trpc/routers/channel/update.schema";
import { updateChannelHandler } from "~/trpc/routers/channel/update.handler";
import { disableChannelSchema } from "~/trpc/routers/channel/disable.schema";
import { disableChannelHandler } from "~/trpc/routers/channel/disable.handler";
import { enableChannelSchema } from "~/trpc/routers/channel/enable.schema";
import { enableChannelHandler } from "~/trpc/routers/channel/enable.handler";

// Owners and admins only, reading included: a channel names the organization's senders and providers.
export const channelRouter = router({
  list: orgProcedure("ADMIN").query(listChannelsHandler),
  get: orgProcedure("ADMIN").input(getChannelSchema).query(getChannelHandler),
  create: orgProcedure("ADMIN").input(createChannelSchema).mutation(createChannelHandler),
  update: orgProcedure("ADMIN").input(updateChannelSchema).mutation(updateChannelHandler),
  disable: orgProcedure("ADMIN").input(disableChannelSchema).mutation(disableChannelHandler),
  enable: orgProcedure("ADMIN").input(enableChannelSchema).mutation(enableChannelHandler),
});
