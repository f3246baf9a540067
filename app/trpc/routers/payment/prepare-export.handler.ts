import type { OrgScopedContext } from "~/trpc/trpc.server";
import type { PreparePaymentExportInput } from "~/trpc/routers/payment/prepare-export.schema";
import { assertCanReadPayments, paymentScope, resolvePaymentFilter } from "~/trpc/routers/payment/payment-guards.server";
import { paymentExportFileName } from "~/services/payment-export.server";
import { now } from "~/utils/clock";

/**
 * Authorizes a payments CSV export and fixes its scope to the caller's organization (the filter's
 * product, agent and contact checked like the list's). The route streams the rows with
 * exportPaymentsCsv (a stream can't be a procedure's result).
 */
export async function preparePaymentExportHandler({ ctx, input }: { ctx: OrgScopedContext; input: PreparePaymentExportInput }) {
  assertCanReadPayments(ctx);
  await resolvePaymentFilter(ctx, input.filter);
  return { scope: paymentScope(ctx), filter: input.filter, fileName: paymentExportFileName(now(), ctx.org.timeZone) };
}
