import { orgProcedure, router } from "~/trpc/trpc.server";

export const dashboardRouter = router({
  summary: orgProcedure("VIEWER").query(async ({ ctx }) => {
    const organizationId = ctx.org.id;
    const [contacts, hotLeads, converted, members, products] = await Promise.all([
      ctx.db.contact.count({ where: { organizationId } }),
      ctx.db.contact.count({ where: { organizationId, temperature: "HOT" } }),
      ctx.db.contact.count({ where: { organizationId, stage: "CONVERTED" } }),
      ctx.db.membership.count({ where: { organizationId } }),
      ctx.db.product.count({ where: { organizationId, active: true } }),
    ]);
    return { contacts, hotLeads, converted, members, products };
  }),
});
