import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { ContactListInput } from "~/domain/contact/contact-filter.schema";
import { countContactsForList, listContactPage } from "~/models/contact-list.server";

/**
 * The list counts exactly up to this many matches (searches included) and
 * shows the planner's estimate beyond, marked "about": counting every match
 * of a broad filter over a million contacts would cost more than the page.
 * contacts.count gives the exact number when it is needed ("select all N
 * matching", a bulk action's result).
 */
export const LIST_COUNT_CAP = 100_000;

/** One page of the contacts list plus the total, for any member (agents see every contact here). */
export async function listContactsHandler({ ctx, input }: { ctx: OrgScopedContext; input: ContactListInput }) {
  const scope = { organizationId: ctx.org.id, userId: ctx.user.id, timeZone: ctx.org.timeZone };
  // Two statements on two pooled connections at once: the page and the count.
  const [rows, counted] = await Promise.all([
    listContactPage(ctx.db, scope, input),
    countContactsForList(ctx.db, scope, input.filter, LIST_COUNT_CAP),
  ]);
  const { page, perPage } = input;
  const total = counted.count;
  const full = rows.length === perPage;
  const pageCount = counted.exact
    ? Math.max(1, Math.ceil(total / perPage))
    : Math.max(Math.ceil(total / perPage), full ? page + 1 : page);
  return {
    rows,
    total,
    /** false when `total` is an estimate (more than LIST_COUNT_CAP match; shown as "about 2,50,000"). */
    totalIsExact: counted.exact,
    sort: input.sort,
    dir: input.dir,
    page: {
      page,
      perPage,
      pageCount,
      from: rows.length ? (page - 1) * perPage + 1 : 0,
      to: (page - 1) * perPage + rows.length,
      hasPrev: page > 1,
      hasNext: counted.exact ? page < pageCount : full,
    },
  };
}
