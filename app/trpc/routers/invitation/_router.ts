import { authedProcedure, orgProcedure, publicProcedure, router } from "~/trpc/trpc.server";
import { listPendingInvitations } from "~/models/invitation.server";
import { createInvitationSchema } from "~/trpc/routers/invitation/create.schema";
import { revokeInvitationSchema } from "~/trpc/routers/invitation/revoke.schema";
import { acceptInvitationSchema, signUpWithInvitationSchema } from "~/trpc/routers/invitation/accept.schema";
import { createInvitationHandler } from "~/trpc/routers/invitation/create.handler";
import { revokeInvitationHandler } from "~/trpc/routers/invitation/revoke.handler";
import { previewInvitationHandler } from "~/trpc/routers/invitation/preview.handler";
import { acceptInvitationHandler, signUpWithInvitationHandler } from "~/trpc/routers/invitation/accept.handler";

export const invitationRouter = router({
  list: orgProcedure("ADMIN").query(({ ctx }) => listPendingInvitations(ctx.db, { organizationId: ctx.org.id })),
  create: orgProcedure("ADMIN").input(createInvitationSchema).mutation(createInvitationHandler),
  revoke: orgProcedure("ADMIN").input(revokeInvitationSchema).mutation(revokeInvitationHandler),
  preview: publicProcedure.input(acceptInvitationSchema).query(previewInvitationHandler),
  accept: authedProcedure.input(acceptInvitationSchema).mutation(acceptInvitationHandler),
  signUpAndAccept: publicProcedure.input(signUpWithInvitationSchema).mutation(signUpWithInvitationHandler),
});
