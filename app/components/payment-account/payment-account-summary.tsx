import type { ReactNode } from "react";
import { PAYMENT_ACCOUNT_MODE_LABELS, PREVIOUS_WEBHOOK_SECRET_HOURS, type PaymentAccountMode } from "~/domain/payment/payment-account.schema";
import { formatDateTime, timeZoneName } from "~/utils/clock";

export type SummaryAccount = {
  mode: PaymentAccountMode;
  keyId: string | null;
  savedSecrets: { keySecret: boolean; webhookSecret: boolean } | null;
  previousSecretUntil: string | null;
};

/** "5 Dec 2026, 3:04 pm IST": an instant in the organization's zone, named. */
export function formatUntil(value: string | Date, timeZone: string): string {
  const date = typeof value === "string" ? new Date(value) : value;
  return `${formatDateTime(date, timeZone)} ${timeZoneName(date, timeZone)}`;
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-0.5 sm:grid-cols-[10rem_1fr] sm:gap-3">
      <dt className="text-sm font-medium text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="text-sm text-slate-800 [overflow-wrap:anywhere] dark:text-slate-100">{children}</dd>
    </div>
  );
}

/** Mode, key id and which secrets are saved (never their values), and a rotation under way. */
export function PaymentAccountSummary({ account, timeZone }: { account: SummaryAccount; timeZone: string }) {
  const sandbox = account.mode === "SANDBOX";
  const secrets = account.savedSecrets;
  return (
    <dl aria-label="Payment account" className="space-y-2">
      <Row label="Mode">{PAYMENT_ACCOUNT_MODE_LABELS[account.mode]}</Row>
      <Row label="Key id">{account.keyId ? <code>{account.keyId}</code> : "None (the sandbox needs no keys)"}</Row>
      <Row label="Key secret">{secrets === null ? "Can't be opened: connect Razorpay again" : secrets.keySecret ? "Saved" : "Not saved"}</Row>
      <Row label="Webhook secret">
        {secrets === null ? "Can't be opened: connect Razorpay again" : sandbox ? "Saved (made by Leadlane for the sandbox)" : secrets.webhookSecret ? "Saved" : "Not saved"}
      </Row>
      {account.previousSecretUntil ? (
        <Row label="Previous webhook secret">
          {`Still accepted until ${formatUntil(account.previousSecretUntil, timeZone)} (for ${PREVIOUS_WEBHOOK_SECRET_HOURS} hours after the change)`}
        </Row>
      ) : null}
    </dl>
  );
}
