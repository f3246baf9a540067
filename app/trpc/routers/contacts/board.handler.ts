import type { OrgScopedContext } from "~/trpc/trpc.server";
import { CONTACT_STAGES } from "~/domain/contact/contact-filter.schema";
import { BOARD_PAGE_SIZE, type BoardInput } from "~/trpc/routers/contacts/board.schema";
import { countContactsUpTo, listBoardColumn } from "~/models/contact-list.server";

/** A column counts exactly up to this many contacts and shows "10,000+" beyond (see LIST_COUNT_CAP). */
export const BOARD_COUNT_CAP = 10_000;

/** Every stage column: how many contacts match, and the first cards (more with each column page). */
export async function boardHandler({ ctx, input }: { ctx: OrgScopedContext; input: BoardInput }) {
  const scope = { organizationId: ctx.org.id, userId: ctx.user.id, timeZone: ctx.org.timeZone };
  // Per column, a bounded count and the first cards; all twelve statements run on pooled connections at once.
  const columns = await Promise.all(
    CONTACT_STAGES.map(async (stage) => {
      const page = input.pages[stage] ?? 1;
      // A column of a stage the filter leaves out is simply empty.
      const excluded = input.filter.stage.length > 0 && !input.filter.stage.includes(stage);
      const filter = { ...input.filter, stage: [stage] };
      const [counted, cards] = excluded
        ? [{ count: 0, exact: true }, []]
        : await Promise.all([
            countContactsUpTo(ctx.db, scope, filter, BOARD_COUNT_CAP),
            listBoardColumn(ctx.db, scope, { filter: input.filter, stage, limit: page * BOARD_PAGE_SIZE }),
          ]);
      return {
        stage,
        count: counted.count,
        countIsExact: counted.exact,
        page,
        cards,
        hasMore: !counted.exact || counted.count > cards.length,
      };
    }),
  );
  return { columns };
}
