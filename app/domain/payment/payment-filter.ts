// What the payments page shows: a filter (statuses, product, agent, contact, a contact search, a range
// of days) and a keyset cursor on (paidAt, id), newest paid first. It lives in the URL, so a view can be
// bookmarked, shared and used with JavaScript off. Browser-safe: the GET form, the tRPC input, the CSV
// export's link and the pager's links share these shapes.
import { z } from "zod";
import type { PaymentStatus } from "~/generated/prisma/enums";
import { PAYMENT_STATUS_LABELS } from "~/domain/payment/payment-status";

/** How many payments one page shows. */
export const PAYMENT_PAGE_SIZE = 50;

/**
 * What the status filter offers: a payment's own status, and two states beside it — flagged for review
 * (captured but not counted: an amount or currency other than asked) and not matched to a contact yet.
 * Several are OR-ed: "Failed or Needs review".
 */
export const PAYMENT_STATUS_FILTERS = ["CAPTURED", "PARTIALLY_REFUNDED", "REFUNDED", "FAILED", "AUTHORIZED", "NEEDS_REVIEW", "UNMATCHED"] as const;
export type PaymentStatusFilter = (typeof PAYMENT_STATUS_FILTERS)[number];

// Every payment status can be chosen (a new status fails type-checking here until it is offered).
const everyStatusOffered: Exclude<PaymentStatus, PaymentStatusFilter> extends never ? true : false = true;
void everyStatusOffered;

export const PAYMENT_STATUS_FILTER_LABELS: Record<PaymentStatusFilter, string> = {
  ...PAYMENT_STATUS_LABELS,
  NEEDS_REVIEW: "Needs review",
  UNMATCHED: "Unmatched",
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Where a page starts: after (older than) or before (newer than) a payment, by when it was paid and its id. */
export type PaymentCursor = { paidAt: Date; id: string };

export function encodePaymentCursor(cursor: PaymentCursor): string {
  return `${cursor.paidAt.toISOString()}_${cursor.id}`;
}

export function decodePaymentCursor(value: string): PaymentCursor | null {
  const [at, id, ...rest] = value.split("_");
  if (!at || !id || rest.length > 0 || !UUID.test(id)) return null;
  const paidAt = new Date(at);
  if (Number.isNaN(paidAt.getTime()) || paidAt.toISOString() !== at) return null;
  return { paidAt, id: id.toLowerCase() };
}

/** Empty form fields mean "no filter". */
const blankToUndefined = (value: unknown) => (value === "" || value === null ? undefined : value);

const optionalId = (message: string) => z.preprocess(blankToUndefined, z.uuid({ message }).transform((id) => id.toLowerCase()).optional());

const optionalDay = (label: string) =>
  z.preprocess(blankToUndefined, z.iso.date({ message: `${label} must be a date like 2026-11-22` }).optional());

const statusesField = z
  .preprocess(
    (value) => {
      const list = value === undefined || value === null || value === "" ? [] : Array.isArray(value) ? value : [value];
      return list.filter((item) => item !== "").map((item) => (typeof item === "string" ? item.trim().toUpperCase().replace(/[\s-]+/g, "_") : item));
    },
    z
      .array(z.enum(PAYMENT_STATUS_FILTERS, { message: "Choose paid, partly refunded, refunded, failed, authorized, needs review or unmatched" }))
      .max(PAYMENT_STATUS_FILTERS.length, { message: "Choose each status at most once" }),
  )
  .transform((statuses) => [...new Set(statuses)].sort((a, b) => PAYMENT_STATUS_FILTERS.indexOf(a) - PAYMENT_STATUS_FILTERS.indexOf(b)))
  .default([]);

export const paymentFilterSchema = z
  .object({
    status: statusesField,
    product: optionalId("Choose one of your products"),
    agent: optionalId("Choose a member of your organization"),
    contact: optionalId("That contact link is not valid: open the contact again"),
    /** A contact's name (the start of any word), phone (its last digits, or the whole number) or email. */
    q: z
      .string({ message: "Search by a contact's name, phone or email" })
      .trim()
      .max(100, { message: "Search for at most 100 characters" })
      .optional()
      .default(""),
    /** Whole days in the organization's time zone, both included. */
    from: optionalDay("From"),
    to: optionalDay("To"),
  })
  .refine((filter) => !filter.from || !filter.to || filter.from <= filter.to, { message: "The From day must not be after the To day", path: ["from"] });

export type PaymentFilterInput = z.input<typeof paymentFilterSchema>;
export type PaymentFilter = z.output<typeof paymentFilterSchema>;

const cursorField = z.preprocess(
  blankToUndefined,
  z
    .string()
    .max(100)
    .transform((value, ctx) => {
      const cursor = decodePaymentCursor(value);
      if (!cursor) {
        ctx.addIssue({ code: "custom", message: "That page link is not valid: start again from the newest" });
        return z.NEVER;
      }
      return cursor;
    })
    .optional(),
);

/** One page of the list: from the newest, after a payment (older ones) or before it (newer ones). */
export const paymentListSchema = z
  .object({ filter: paymentFilterSchema.default({ status: [], q: "" }), after: cursorField, before: cursorField })
  .refine((input) => !(input.after && input.before), { message: "That page link is not valid: start again from the newest", path: ["after"] });

export type PaymentListInput = z.output<typeof paymentListSchema>;

export const paymentTotalsSchema = z.object({ filter: paymentFilterSchema.default({ status: [], q: "" }) });
export type PaymentTotalsInput = z.output<typeof paymentTotalsSchema>;

/** The URL's parameters as the list's input, before parsing (the schema says what is wrong with them). */
export function paymentParamsToInput(params: URLSearchParams) {
  const value = (key: string) => params.get(key) ?? undefined;
  return {
    filter: {
      status: params.getAll("status"),
      product: value("product"),
      agent: value("agent"),
      contact: value("contact"),
      q: value("q"),
      from: value("from"),
      to: value("to"),
    },
    after: value("after"),
    before: value("before"),
  };
}

/** The filter as URL parameters, for links, the pager and the export (with a cursor when given). */
export function paymentSearchParams(filter: PaymentFilter, cursor?: { after?: PaymentCursor | string; before?: PaymentCursor | string }): URLSearchParams {
  const params = new URLSearchParams();
  for (const status of filter.status) params.append("status", status);
  if (filter.product) params.set("product", filter.product);
  if (filter.agent) params.set("agent", filter.agent);
  if (filter.contact) params.set("contact", filter.contact);
  if (filter.q) params.set("q", filter.q);
  if (filter.from) params.set("from", filter.from);
  if (filter.to) params.set("to", filter.to);
  const text = (at: PaymentCursor | string) => (typeof at === "string" ? at : encodePaymentCursor(at));
  if (cursor?.after) params.set("after", text(cursor.after));
  if (cursor?.before) params.set("before", text(cursor.before));
  return params;
}

/** "/payments?status=FAILED&after=…": the page of the list for a filter. */
export function paymentsHref(filter: PaymentFilter, cursor?: { after?: PaymentCursor | string; before?: PaymentCursor | string }, path = "/payments"): string {
  const search = paymentSearchParams(filter, cursor).toString();
  return search ? `${path}?${search}` : path;
}

/** Whether the filter narrows anything (an empty filter shows every payment). */
export function isFiltered(filter: PaymentFilter): boolean {
  return filter.status.length > 0 || Boolean(filter.product || filter.agent || filter.contact || filter.q || filter.from || filter.to);
}
