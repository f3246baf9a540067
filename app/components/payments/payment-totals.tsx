// The totals of the payments a filter matches, above the list. Money comes only from counted payments
// (captured, matched to a contact, not flagged for review), and the page says so.
import { formatAmount } from "~/domain/payment/money";
import { countOf } from "~/utils/format";

export type PaymentTotalsData = { payments: number; counted: number; capturedPaise: string; refundedPaise: string; netPaise: string };

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="min-w-0 rounded-md bg-slate-50 px-3 py-2 dark:bg-slate-950">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="mt-0.5 break-words text-base font-semibold tabular-nums" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

export function PaymentTotals({ totals, filtered }: { totals: PaymentTotalsData; filtered: boolean }) {
  return (
    <section aria-labelledby="payment-totals-heading" className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <h2 id="payment-totals-heading" className="text-sm font-semibold">
        {filtered ? "Totals for this filter" : "Totals"}
      </h2>
      <dl className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Figure label="Counted payments" value={totals.counted.toLocaleString("en-IN")} testId="total-counted" />
        <Figure label="Captured" value={formatAmount(BigInt(totals.capturedPaise))} testId="total-captured" />
        <Figure label="Refunded" value={formatAmount(BigInt(totals.refundedPaise))} testId="total-refunded" />
        <Figure label="Net" value={formatAmount(BigInt(totals.netPaise))} testId="total-net" />
      </dl>
      <p className="mt-3 text-xs text-slate-600 dark:text-slate-300" data-testid="total-note">
        {countOf(totals.payments, "payment")} {totals.payments === 1 ? "matches" : "match"}. The totals count only counted payments: captured, matched to a
        contact and not flagged for review ({countOf(totals.counted, "payment")}). Failed, authorized-only, unmatched and flagged payments are listed but not added up.
      </p>
    </section>
  );
}
