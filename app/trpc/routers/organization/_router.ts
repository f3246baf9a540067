import { authedProcedure, orgProcedure, router } from "~/trpc/trpc.server";
import { switchOrganizationSchema } from "~/trpc/routers/organization/switch.schema";
import { createOrganizationSchema } from "~/trpc/routers/organization/create.schema";
import { listMyOrganizationsHandler } from "~/trpc/routers/organization/list-mine.handler";
import { switchOrganizationHandler } from "~/trpc/routers/organization/switch.handler";
import { createOrganizationHandler } from "~/trpc/routers/organization/create.handler";
import { updateTimeZoneSchema } from "~/trpc/routers/organization/update-time-zone.schema";
import { setAutoAssignConversationsSchema } from "~/domain/organization/auto-assign.schema";
import { setAutoAssignConversations } from "~/services/organization/set-auto-assign-conversations.server";
import { organizationConversationSettings } from "~/models/organization.server";
import { commandScope } from "~/trpc/command-scope.server";
import { updateTimeZoneHandler } from "~/trpc/routers/organization/update-time-zone.handler";

export const organizationRouter = router({
  listMine: authedProcedure.query(listMyOrganizationsHandler),
  current: orgProcedure("VIEWER").query(({ ctx }) => ctx.org),
  switch: authedProcedure.input(switchOrganizationSchema).mutation(switchOrganizationHandler),
  create: authedProcedure.input(createOrganizationSchema).mutation(createOrganizationHandler),
  updateTimeZone: orgProcedure("ADMIN").input(updateTimeZoneSchema).mutation(updateTimeZoneHandler),
  conversationSettings: orgProcedure("VIEWER").query(({ ctx }) => organizationConversationSettings(ctx.db, { organizationId: ctx.org.id })),
  setAutoAssign: orgProcedure("ADMIN")
    .input(setAutoAssignConversationsSchema)
    .mutation(({ ctx, input }) => ctx.db.$transaction((tx) => setAutoAssignConversations(tx, commandScope(ctx), input))),
});
