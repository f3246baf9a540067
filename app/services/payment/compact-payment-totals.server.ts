// Folds the changes the payment triggers record into the payments' daily totals, so the page's totals
// read a few rows a day however many changes the day had (the payments_compact_totals sweep).
import { foldPaymentDailyTotals } from "~/models/payment-list.server";
import { prisma } from "~/utils/db.server";

export function compactPaymentTotals(): Promise<number> {
  return foldPaymentDailyTotals(prisma);
}
