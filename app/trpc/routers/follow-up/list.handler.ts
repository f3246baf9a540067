import { TRPCError } from "@trpc/server";
import type { OrgScopedContext } from "~/trpc/trpc.server";
import { FOLLOW_UP_LIST_LIMIT, type ListFollowUpsInput } from "~/trpc/routers/follow-up/list.schema";
import { dayRange, now as clockNow } from "~/utils/clock";
import { listFollowUps } from "~/models/follow-up.server";
import { can } from "~/utils/permissions";

/**
 * Pending follow-ups. today: due during today in the organization's time zone;
 * overdue: due before now; upcoming: due from tomorrow (in that zone) on. Agents see their own;
 * managers and above may see everyone's.
 */
export async function listFollowUpsHandler({ ctx, input }: { ctx: OrgScopedContext; input: ListFollowUpsInput }) {
  const seesEveryone = can(ctx.org.role, "update:contact:any");
  const assignee = input.assignee ?? (seesEveryone ? "all" : "me");
  if (assignee === "all" && !seesEveryone) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only managers can see everyone's follow-ups." });
  }
  const now = clockNow();
  const today = dayRange(now, ctx.org.timeZone);
  const range =
    input.view === "today"
      ? { dueFrom: today.start, dueBefore: today.end }
      : input.view === "overdue"
        ? { dueBefore: now }
        : { dueFrom: today.end };
  const rows = await listFollowUps(ctx.db, {
    organizationId: ctx.org.id,
    assigneeId: assignee === "me" ? ctx.user.id : null,
    ...range,
    take: FOLLOW_UP_LIST_LIMIT + 1,
  });
  return {
    view: input.view,
    assignee,
    now,
    truncated: rows.length > FOLLOW_UP_LIST_LIMIT,
    items: rows.slice(0, FOLLOW_UP_LIST_LIMIT).map((row) => ({
      id: row.id,
      kind: row.kind,
      dueAt: row.dueAt,
      note: row.note,
      overdue: row.dueAt < now,
      assignee: row.assignee,
      contact: row.contact,
      /** May mark it done or cancel it. */
      canClose: row.assigneeId === ctx.user.id || seesEveryone,
    })),
  };
}
