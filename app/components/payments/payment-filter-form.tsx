// The payments filter: a plain GET form (it works with JavaScript off): statuses, product, agent, a
// contact search, and a range of whole days in the organization's zone. A contact chosen by its id (the
// contact page's "all payments" link) shows as a chip that can be removed.
import { Form, Link } from "@remix-run/react";
import { buttonClass } from "~/components/ui/button";
import { PAYMENT_STATUS_FILTER_LABELS, PAYMENT_STATUS_FILTERS, paymentsHref, type PaymentFilter } from "~/domain/payment/payment-filter";

export type PaymentFilterOptions = {
  products: Array<{ id: string; name: string; active: boolean }>;
  members: Array<{ id: string; name: string }>;
};

const CONTROL = "block w-full min-w-0 rounded-md border border-slate-300 bg-white px-2 py-2 text-sm dark:border-slate-700 dark:bg-slate-900";
const LABEL = "mb-1 block text-sm font-medium";

export function PaymentFilterForm({
  filter,
  options,
  contact,
  agent,
  timeZone,
}: {
  filter: PaymentFilter;
  options: PaymentFilterOptions;
  /** The contact the filter names by id, with its name. */
  contact: { id: string; name: string } | null;
  /** The agent the filter names (a member who left is not among the options). */
  agent: { id: string; name: string } | null;
  timeZone: string;
}) {
  const members = agent && !options.members.some((member) => member.id === agent.id) ? [...options.members, { ...agent, name: `${agent.name} (left)` }] : options.members;
  return (
    <Form
      method="get"
      action="/payments"
      aria-label="Filter payments"
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
      // A new filter from a link resets what the fields show.
      key={paymentsHref(filter)}
    >
      <fieldset>
        <legend className={LABEL}>Status</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-2">
          {PAYMENT_STATUS_FILTERS.map((status) => (
            <label key={status} className="inline-flex items-center gap-2 text-sm">
              <input type="checkbox" name="status" value={status} defaultChecked={filter.status.includes(status)} className="h-4 w-4" />
              {PAYMENT_STATUS_FILTER_LABELS[status]}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
        <label className="block min-w-0 text-sm">
          <span className={LABEL}>Product</span>
          <select name="product" defaultValue={filter.product ?? ""} className={CONTROL}>
            <option value="">Any product</option>
            {options.products.map((product) => (
              <option key={product.id} value={product.id}>
                {product.active ? product.name : `${product.name} (archived)`}
              </option>
            ))}
          </select>
        </label>
        <label className="block min-w-0 text-sm">
          <span className={LABEL}>Agent</span>
          <select name="agent" defaultValue={filter.agent ?? ""} className={CONTROL}>
            <option value="">Anyone</option>
            {members.map((member) => (
              <option key={member.id} value={member.id}>
                {member.name}
              </option>
            ))}
          </select>
        </label>
        <label className="block min-w-0 text-sm">
          <span className={LABEL}>Contact</span>
          <input type="search" name="q" defaultValue={filter.q} maxLength={100} placeholder="Name, phone or email" className={CONTROL} />
        </label>
        <label className="block min-w-0 text-sm">
          <span className={LABEL}>Paid from</span>
          <input type="date" name="from" defaultValue={filter.from ?? ""} className={CONTROL} />
        </label>
        <label className="block min-w-0 text-sm">
          <span className={LABEL}>Paid to</span>
          <input type="date" name="to" defaultValue={filter.to ?? ""} className={CONTROL} />
        </label>
      </div>
      <p className="text-xs text-slate-500">Days are whole days in {timeZone}, both included.</p>
      {contact ? (
        <p className="flex flex-wrap items-center gap-2 text-sm">
          <input type="hidden" name="contact" value={contact.id} />
          <span className="inline-flex max-w-full items-center gap-2 rounded-full bg-brand-50 px-3 py-1 text-brand-800 dark:bg-brand-900/40 dark:text-brand-100">
            <span className="break-words">Payments of {contact.name}</span>
          </span>
          <Link to={paymentsHref({ ...filter, contact: undefined })} className="text-sm text-brand-700 underline dark:text-brand-100">
            Everyone’s payments
          </Link>
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <button type="submit" className={buttonClass("primary")}>
          Filter
        </button>
        <Link to="/payments" className={buttonClass("ghost")}>
          Clear filters
        </Link>
      </div>
    </Form>
  );
}
