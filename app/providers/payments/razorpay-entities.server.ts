// Razorpay's JSON, read and written at our edge: amounts (JSON numbers there, BigInt paise here), the
// entities its API answers with (checked, since the SDK's published types are looser than its answers), and
// the envelope of its webhook events. Shared by the adapter, the sandbox and the fake API used in tests.
import { z } from "zod";

/** BigInt paise as the number Razorpay's API takes, refusing anything a JSON number cannot carry exactly. */
export function paiseToRazorpayAmount(paise: bigint): number {
  const amount = Number(paise);
  if (!Number.isSafeInteger(amount) || BigInt(amount) !== paise || amount < 0) {
    throw new RangeError(`${paise} paise is not a whole amount Razorpay can take`);
  }
  return amount;
}

/** Razorpay's amounts: whole paise, as a JSON number (or, in a few answers, a string of digits). */
const razorpayAmount = z.union([z.number(), z.string()]).transform((value, ctx) => {
  if (typeof value === "number" && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  if (typeof value === "string" && /^\d{1,18}$/.test(value)) return BigInt(value);
  ctx.addIssue({ code: "custom", message: `is not a whole number of paise: ${JSON.stringify(value)}` });
  return z.NEVER;
});

/** `notes` is an object, or `[]` when there are none. */
const razorpayNotes = z
  .union([z.record(z.string(), z.unknown()), z.array(z.unknown())])
  .nullish()
  .transform((notes): Record<string, unknown> => (notes && !Array.isArray(notes) ? notes : {}));

export const razorpayPaymentLinkSchema = z.object({
  id: z.string(),
  short_url: z.string(),
  status: z.enum(["created", "partially_paid", "paid", "expired", "cancelled"]),
  amount: razorpayAmount,
  amount_paid: razorpayAmount.nullish(),
  currency: z.string().default("INR"),
  reference_id: z.string().nullish(),
  notes: razorpayNotes,
  payments: z
    .array(z.object({ payment_id: z.string() }))
    .nullish()
    .transform((payments) => payments ?? []),
});
export type RazorpayPaymentLinkEntity = z.output<typeof razorpayPaymentLinkSchema>;

export const razorpayPaymentLinkListSchema = z.object({ payment_links: z.array(razorpayPaymentLinkSchema) });

export const razorpayOrderSchema = z.object({
  id: z.string(),
  status: z.enum(["created", "attempted", "paid"]),
  amount: razorpayAmount,
  amount_paid: razorpayAmount.nullish(),
  currency: z.string(),
  receipt: z.string().nullish(),
  attempts: z.number().int().nonnegative().default(0),
  notes: razorpayNotes,
});
export type RazorpayOrderEntity = z.output<typeof razorpayOrderSchema>;

export const razorpayPaymentSchema = z.object({
  id: z.string(),
  status: z.enum(["created", "authorized", "captured", "refunded", "failed"]),
  amount: razorpayAmount,
  amount_refunded: razorpayAmount.nullish(),
  currency: z.string(),
  order_id: z.string().nullish(),
  method: z.string().nullish(),
  error_description: z.string().nullish(),
  created_at: z.number().int(),
  notes: razorpayNotes,
});
export type RazorpayPaymentEntity = z.output<typeof razorpayPaymentSchema>;

export type RazorpayWebhookEntities = {
  payment_link?: Record<string, unknown>;
  order?: Record<string, unknown>;
  payment?: Record<string, unknown>;
};

/** A webhook event as Razorpay posts it: `payload.<entity>.entity` for each entity it contains. */
export function razorpayWebhookEvent(input: {
  event: string;
  accountId: string;
  /** Unix seconds. */
  createdAt: number;
  entities: RazorpayWebhookEntities;
}) {
  const entries = Object.entries(input.entities).filter(([, entity]) => entity !== undefined);
  return {
    entity: "event",
    account_id: input.accountId,
    event: input.event,
    contains: entries.map(([name]) => name),
    payload: Object.fromEntries(entries.map(([name, entity]) => [name, { entity }])),
    created_at: input.createdAt,
  };
}

/** Unix seconds, as Razorpay writes every timestamp. */
export function unixSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
