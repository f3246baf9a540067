import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { ListPaymentsInput } from "~/trpc/routers/payment/list.schema";
import { assertCanReadPayments, paymentScope, resolvePaymentFilter } from "~/trpc/routers/payment/payment-guards.server";
import { paymentView } from "~/trpc/routers/payment/payment-view";
import { listPaymentPage } from "~/models/payment-list.server";
import { encodePaymentCursor, PAYMENT_PAGE_SIZE } from "~/domain/payment/payment-filter";

/**
 * One page of the organization's payments matching the filter, newest paid first: the first page, the
 * one after a cursor (older) or the one before it (newer). `olderCursor` and `newerCursor` are the
 * pager's next and previous links (null where there is nothing). Going back to the top always shows a
 * full first page.
 */
export async function listPaymentsHandler({ ctx, input }: { ctx: OrgScopedContext; input: ListPaymentsInput }) {
  assertCanReadPayments(ctx);
  const scope = paymentScope(ctx);
  const named = await resolvePaymentFilter(ctx, input.filter);
  const limit = PAYMENT_PAGE_SIZE + 1;

  let rows = await listPaymentPage(ctx.db, scope, { filter: input.filter, after: input.after, before: input.before, limit });
  let hasNewer: boolean;
  let hasOlder: boolean;
  if (input.before) {
    if (rows.length <= PAYMENT_PAGE_SIZE) {
      // Back at the top: the newest page, full.
      rows = await listPaymentPage(ctx.db, scope, { filter: input.filter, limit });
      hasNewer = false;
      hasOlder = rows.length > PAYMENT_PAGE_SIZE;
      rows = rows.slice(0, PAYMENT_PAGE_SIZE);
    } else {
      // Read upwards: the extra row is the newest one, above this page.
      rows = rows.slice(1);
      hasNewer = true;
      hasOlder = true;
    }
  } else {
    hasNewer = Boolean(input.after);
    hasOlder = rows.length > PAYMENT_PAGE_SIZE;
    rows = rows.slice(0, PAYMENT_PAGE_SIZE);
  }
  const first = rows[0];
  const last = rows[rows.length - 1];
  return {
    items: rows.map(paymentView),
    olderCursor: hasOlder && last ? encodePaymentCursor(last) : null,
    newerCursor: hasNewer && first ? encodePaymentCursor(first) : null,
    /** Whether this is the newest page (no cursor, or back at the top). */
    atNewest: !hasNewer,
    contact: named.contact,
    product: named.product,
    agent: named.agent,
  };
}
