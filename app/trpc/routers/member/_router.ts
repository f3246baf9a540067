import { orgProcedure, router } from "~/trpc/trpc.server";
import { listMembers } from "~/models/membership.server";
import { updateMemberRoleSchema } from "~/trpc/routers/member/update-role.schema";
import { removalPreviewSchema, removeMemberSchema } from "~/trpc/routers/member/remove.schema";
import { updateMemberRoleHandler } from "~/trpc/routers/member/update-role.handler";
import { setMemberAvailabilitySchema } from "~/domain/member/set-availability.schema";
import { setMemberAvailability } from "~/services/member/set-member-availability.server";
import { commandScope } from "~/trpc/command-scope.server";
import { removalPreviewHandler, removeMemberHandler } from "~/trpc/routers/member/remove.handler";

export const memberRouter = router({
  list: orgProcedure("VIEWER").query(({ ctx }) => listMembers(ctx.db, { organizationId: ctx.org.id })),
  updateRole: orgProcedure("ADMIN").input(updateMemberRoleSchema).mutation(updateMemberRoleHandler),
  removal: orgProcedure("ADMIN").input(removalPreviewSchema).query(removalPreviewHandler),
  remove: orgProcedure("ADMIN").input(removeMemberSchema).mutation(removeMemberHandler),
  /** Your own availability for the round-robin; managers and above anyone's. */
  setAvailability: orgProcedure("VIEWER")
    .input(setMemberAvailabilitySchema)
    .mutation(({ ctx, input }) => ctx.db.$transaction((tx) => setMemberAvailability(tx, commandScope(ctx), input))),
});
