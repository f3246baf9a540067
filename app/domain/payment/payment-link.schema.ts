// The forms that make and manage payment links (the contact page, the chat). Browser-safe: the
// forms and the procedures parse with the same schemas. A link is for a product (its price and name,
// unless an amount or a description is typed) or for a typed amount with a description.
import { z } from "zod";
import { rupeesAmount } from "~/domain/payment/money";

/** An empty form field is "not given". */
const blank = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

/** Our short link's code, as /p/:code carries it. */
export const PAYMENT_LINK_CODE = /^[0-9A-Za-z]{6,16}$/;

export const PAYMENT_CHECKOUTS = ["PAYMENT_LINK", "ORDER"] as const;

export const PAYMENT_CHECKOUT_LABELS: Record<(typeof PAYMENT_CHECKOUTS)[number], string> = {
  PAYMENT_LINK: "Razorpay payment page",
  ORDER: "Checkout on our link page",
};

/** How long a link stays payable when the form does not say: a week. */
export const DEFAULT_LINK_EXPIRY_DAYS = 7;
export const MAX_LINK_EXPIRY_DAYS = 90;

export const createPaymentLinkSchema = z
  .object({
    contactId: z.uuid({ message: "Choose a contact." }),
    productId: z.preprocess(blank, z.uuid({ message: "Choose a product from the list." }).optional()),
    amount: z.preprocess(blank, rupeesAmount({ noun: "amount" }).optional()),
    description: z.preprocess(blank, z.string().trim().max(2048, { message: "A description can be at most 2,048 characters." }).optional()),
    expiresInDays: z.preprocess(
      blank,
      z.coerce
        .number({ message: "Give the number of days the link stays payable." })
        .int({ message: "Give a whole number of days." })
        .min(1, { message: "A link stays payable for at least a day." })
        .max(MAX_LINK_EXPIRY_DAYS, { message: `A link can stay payable for at most ${MAX_LINK_EXPIRY_DAYS} days.` })
        .default(DEFAULT_LINK_EXPIRY_DAYS),
    ),
    /** How the customer pays: Razorpay's payment-link page, or Razorpay Checkout on an order, on our link page. */
    checkout: z.preprocess(blank, z.enum(PAYMENT_CHECKOUTS, { message: "Choose how the customer pays." }).default("PAYMENT_LINK")),
    /** Send the link in this conversation of the contact as a message. */
    sendInConversationId: z.preprocess(blank, z.uuid({ message: "Choose one of the contact's conversations." }).optional()),
  })
  .superRefine((value, ctx) => {
    if (!value.productId && value.amount === undefined) ctx.addIssue({ code: "custom", path: ["amount"], message: "Choose a product or type an amount." });
    if (!value.productId && !value.description) ctx.addIssue({ code: "custom", path: ["description"], message: "Say what the payment is for." });
  });
export type CreatePaymentLinkFormInput = z.input<typeof createPaymentLinkSchema>;
export type CreatePaymentLinkInput = z.output<typeof createPaymentLinkSchema>;

export const paymentLinkIdSchema = z.object({ id: z.uuid({ message: "That payment link doesn't exist." }) });

export const resendPaymentLinkSchema = z.object({
  id: z.uuid({ message: "That payment link doesn't exist." }),
  conversationId: z.uuid({ message: "Choose one of the contact's conversations." }),
});

/** The text a link goes out with in a chat. */
export function paymentLinkMessage({ description, amount, url }: { description: string; amount: string; url: string }): string {
  return `${description}: ${amount}. Pay securely here: ${url}`;
}
