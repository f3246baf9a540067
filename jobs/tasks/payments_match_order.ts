import type { Task } from "graphile-worker";
import { taskPayloadSchemas } from "~/services/job-payloads";
import { matchPaymentsOfOrder } from "~/services/payment/apply-razorpay-event.server";
import { prisma } from "~/utils/db.server";

/** Matches payments that arrived before their link told its order id (see applyRazorpayEvent). */
const paymentsMatchOrder: Task = async (payload) => {
  const { accountId, providerOrderId } = taskPayloadSchemas.payments_match_order.parse(payload);
  await prisma.$transaction(async (tx) => {
    const account = await tx.paymentAccount.findUnique({ where: { id: accountId } });
    if (account) await matchPaymentsOfOrder(tx, account, providerOrderId);
  });
};

export default paymentsMatchOrder;
