import { createCallerFactory, router, type Context } from "~/trpc/trpc.server";
import { authRouter } from "~/trpc/routers/auth/_router";
import { organizationRouter } from "~/trpc/routers/organization/_router";
import { memberRouter } from "~/trpc/routers/member/_router";
import { invitationRouter } from "~/trpc/routers/invitation/_router";
import { outboxRouter } from "~/trpc/routers/outbox/_router";
import { sessionRouter } from "~/trpc/routers/session/_router";
import { dashboardRouter } from "~/trpc/routers/dashboard/_router";

export const appRouter = router({
  auth: authRouter,
  organization: organizationRouter,
  member: memberRouter,
  invitation: invitationRouter,
  outbox: outboxRouter,
  session: sessionRouter,
  dashboard: dashboardRouter,
});

export type AppRouter = typeof appRouter;

const createCallerForContext = createCallerFactory(appRouter);

export function createCaller(ctx: Context) {
  return createCallerForContext(ctx);
}
