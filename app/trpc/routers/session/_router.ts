import { authedProcedure, router } from "~/trpc/trpc.server";

export const sessionRouter = router({
  list: authedProcedure.query(async ({ ctx }) => {
    const sessions = await ctx.db.session.findMany({
      where: { userId: ctx.user.id, expiresAt: { gt: new Date() } },
      select: { id: true, userAgent: true, ipAddress: true, createdAt: true, lastSeenAt: true },
      orderBy: { lastSeenAt: "desc" },
    });
    return sessions.map(({ id, ...rest }) => ({ ...rest, current: id === ctx.session.id }));
  }),
  /** Signs the person out on every browser, this one included. */
  revokeAll: authedProcedure.mutation(async ({ ctx }) => {
    const { count } = await ctx.db.session.deleteMany({ where: { userId: ctx.user.id } });
    return { revoked: count };
  }),
});
