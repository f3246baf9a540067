import type { Task } from "graphile-worker";
import { taskPayloadSchemas } from "~/services/job-payloads";
import { compactPaymentTotals } from "~/services/payment/compact-payment-totals.server";

/** Every minute: folds the payments' recorded daily-total changes into the daily totals. */
const paymentsCompactTotals: Task = async (payload, helpers) => {
  taskPayloadSchemas.payments_compact_totals.parse(payload ?? {});
  const folded = await compactPaymentTotals();
  if (folded > 0) helpers.logger.debug(`folded ${folded} payment total changes`);
};

export default paymentsCompactTotals;
