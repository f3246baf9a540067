// The payments table: from md up a table, on a phone each payment a stacked card (no sideways scroll).
// Times in the organization's zone; amounts always with paise (₹4,999.00).
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { PaymentStatus } from "~/generated/prisma/enums";
import { PAYMENT_STATUS_LABELS } from "~/domain/payment/payment-status";
import { formatAmount } from "~/domain/payment/money";
import { formatDateTime } from "~/utils/format";
import { useTimeZone } from "~/components/use-app-data";

export type PaymentRow = {
  id: string;
  paidAt: string;
  contact: { id: string; name: string } | null;
  product: { id: string; name: string } | null;
  agent: { id: string; name: string } | null;
  amountPaise: string;
  refundedPaise: string;
  currency: string;
  status: PaymentStatus;
  method: string | null;
  reviewReason: string | null;
  counted: boolean;
  errorDescription: string | null;
};

const PILL = "inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium";

const STATUS_STYLES: Record<PaymentStatus, string> = {
  CAPTURED: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900/50 dark:text-emerald-100",
  PARTIALLY_REFUNDED: "bg-amber-100 text-amber-900 dark:bg-amber-900/50 dark:text-amber-100",
  REFUNDED: "bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100",
  FAILED: "bg-red-100 text-red-800 dark:bg-red-900/50 dark:text-red-100",
  AUTHORIZED: "bg-sky-100 text-sky-900 dark:bg-sky-900/50 dark:text-sky-100",
};

const METHOD_LABELS: Record<string, string> = { upi: "UPI", card: "Card", netbanking: "Netbanking", wallet: "Wallet", emi: "EMI", bank_transfer: "Bank transfer" };

/** Razorpay's method name as people say it ("upi" → "UPI"); an unknown one as it came. */
export function paymentMethodLabel(method: string | null): string {
  if (!method) return "—";
  return METHOD_LABELS[method] ?? method;
}

/** An amount in its own currency: paise shown as ₹4,999.00; another currency (a mismatch) with its code. */
function amountText(paise: string, currency: string): string {
  return currency === "INR" ? formatAmount(BigInt(paise)) : `${currency} ${formatAmount(BigInt(paise)).replace("₹", "")}`;
}

/** One cell: on a phone a labelled line of the card, from md up a table cell. */
function Cell({ label, children, className = "" }: { label: string; children: ReactNode; className?: string }) {
  return (
    <td className={`flex min-w-0 items-baseline justify-between gap-3 px-0 py-0.5 md:table-cell md:px-3 md:py-2 ${className}`}>
      <span className="shrink-0 text-xs text-slate-500 md:hidden">{label}</span>
      <span className="min-w-0 text-right md:text-left">{children}</span>
    </td>
  );
}

const HEAD = "px-3 py-2 text-left font-medium";

/** The table's columns on wider screens (a phone shows each payment as a card, labels inline). */
const COLUMNS: Array<{ label: string; numeric?: boolean }> = [
  { label: "Paid at" },
  { label: "Contact" },
  { label: "Product" },
  { label: "Amount", numeric: true },
  { label: "Refunded", numeric: true },
  { label: "Status" },
  { label: "Method" },
  { label: "Agent" },
];

export function PaymentListTable({ rows }: { rows: PaymentRow[] }) {
  const timeZone = useTimeZone();
  return (
    <div className="md:overflow-x-auto md:rounded-lg md:border md:border-slate-200 md:bg-white md:dark:border-slate-800 md:dark:bg-slate-900">
      <table className="block w-full text-sm md:table" aria-label="Payments">
        <thead className="hidden border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500 dark:border-slate-800 dark:bg-slate-950 md:table-header-group">
          <tr>
            {COLUMNS.map(({ label, numeric }) => (
              <th key={label} scope="col" className={numeric ? `${HEAD} text-right` : HEAD}>
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="block space-y-3 md:table-row-group md:space-y-0 md:divide-y md:divide-slate-200 md:dark:divide-slate-800">
          {rows.map((row) => (
            <tr
              key={row.id}
              data-testid="payment-row"
              data-payment-id={row.id}
              className="block rounded-lg border border-slate-200 bg-white p-3 dark:border-slate-800 dark:bg-slate-900 md:table-row md:rounded-none md:border-0 md:bg-transparent md:p-0 md:dark:bg-transparent"
            >
              <Cell label="Paid at" className="whitespace-nowrap">
                <time dateTime={row.paidAt}>{formatDateTime(row.paidAt, timeZone)}</time>
              </Cell>
              <Cell label="Contact" className="md:min-w-[10rem]">
                {row.contact ? (
                  <Link to={`/contacts/${row.contact.id}`} className="break-words font-medium text-slate-900 hover:text-brand-700 hover:underline dark:text-slate-100 dark:hover:text-brand-100">
                    {row.contact.name}
                  </Link>
                ) : (
                  <span className="italic text-slate-500">Unmatched</span>
                )}
              </Cell>
              <Cell label="Product">{row.product ? <span className="break-words">{row.product.name}</span> : <span className="text-slate-400">—</span>}</Cell>
              <Cell label="Amount" className="whitespace-nowrap tabular-nums md:text-right">
                {amountText(row.amountPaise, row.currency)}
              </Cell>
              <Cell label="Refunded" className="whitespace-nowrap tabular-nums md:text-right">
                {row.refundedPaise === "0" ? <span className="text-slate-400">—</span> : amountText(row.refundedPaise, row.currency)}
              </Cell>
              <Cell label="Status">
                <span className="inline-flex flex-col items-end gap-1 md:items-start">
                  <span className="inline-flex flex-wrap justify-end gap-1 md:justify-start">
                    <span className={`${PILL} ${STATUS_STYLES[row.status]}`}>{PAYMENT_STATUS_LABELS[row.status]}</span>
                    {row.reviewReason ? <span className={`${PILL} bg-orange-100 text-orange-900 ring-1 ring-orange-300 dark:bg-orange-900/50 dark:text-orange-100`}>Needs review</span> : null}
                  </span>
                  {row.reviewReason ? <span className="max-w-xs break-words text-xs text-orange-800 dark:text-orange-200">{row.reviewReason}</span> : null}
                  {row.status === "FAILED" && row.errorDescription ? <span className="max-w-xs break-words text-xs text-slate-500">{row.errorDescription}</span> : null}
                </span>
              </Cell>
              <Cell label="Method">{paymentMethodLabel(row.method)}</Cell>
              <Cell label="Agent" className="md:whitespace-nowrap">
                {row.agent ? <span className="break-words">{row.agent.name}</span> : <span className="text-slate-400">—</span>}
              </Cell>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
