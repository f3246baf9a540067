import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { CountContactsInput } from "~/trpc/routers/contacts/count.schema";
import { countContacts } from "~/models/contact-list.server";

/** How many contacts match a filter ("select all N matching"). */
export async function countContactsHandler({ ctx, input }: { ctx: OrgScopedContext; input: CountContactsInput }) {
  const count = await countContacts(ctx.db, { organizationId: ctx.org.id, userId: ctx.user.id, timeZone: ctx.org.timeZone }, input.filter);
  return { count };
}
