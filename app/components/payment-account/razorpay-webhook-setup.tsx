import { HANDLED_RAZORPAY_EVENTS } from "~/domain/payment/razorpay-event";

/** What to enter in Razorpay's Dashboard (Account & Settings › Webhooks): the exact URL and the events to tick. */
export function RazorpayWebhookSetup({ webhookUrl }: { webhookUrl: string }) {
  return (
    <div className="space-y-3 text-sm">
      <p className="text-slate-600 dark:text-slate-300">
        In the Razorpay Dashboard, open Account &amp; Settings › Webhooks, add a webhook with this URL and a secret of your choice, tick the events below,
        and enter the same secret here.
      </p>
      <dl>
        <dt className="text-xs font-medium text-slate-500 dark:text-slate-400">Webhook URL</dt>
        <dd>
          <code className="block break-all rounded bg-slate-100 px-2 py-1 text-xs text-slate-800 dark:bg-slate-800 dark:text-slate-100">{webhookUrl}</code>
        </dd>
      </dl>
      <div className="space-y-1">
        <p className="text-xs font-medium text-slate-500 dark:text-slate-400">Active events</p>
        <ul aria-label="Events to enable in Razorpay" className="grid gap-1 sm:grid-cols-2">
          {HANDLED_RAZORPAY_EVENTS.map((event) => (
            <li key={event}>
              <code className="break-all text-xs">{event}</code>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
