// The payment-link forms' posts, the same on a contact's page and beside a chat: make a link (a
// refusal comes back to the form with its field errors), cancel one, send one again. Each calls one
// procedure and goes back to `here` with a toast.
import type { Caller } from "~/trpc/caller.server";
import { createPaymentLinkSchema, paymentLinkIdSchema, resendPaymentLinkSchema } from "~/domain/payment/payment-link.schema";
import { parseContactForm } from "~/web/contact-form-action.server";
import { redirectAfter, runAndRedirect } from "~/web/form-action.server";

export const PAYMENT_LINK_INTENTS = ["createPaymentLink", "cancelPaymentLink", "resendPaymentLink"] as const;
export type PaymentLinkIntent = (typeof PAYMENT_LINK_INTENTS)[number];

export function isPaymentLinkIntent(intent: unknown): intent is PaymentLinkIntent {
  return typeof intent === "string" && (PAYMENT_LINK_INTENTS as readonly string[]).includes(intent);
}

export async function paymentLinkAction(caller: Caller, intent: PaymentLinkIntent, form: FormData, { contactId, here }: { contactId: string; here: string }) {
  switch (intent) {
    case "createPaymentLink":
      // The contact is the page's, whatever the form says.
      form.set("contactId", contactId);
      return redirectAfter(parseContactForm(form, createPaymentLinkSchema, intent), async (value) => {
        const created = await caller.paymentLink.create(value);
        return { to: here, message: created.conversationId ? "Payment link made and sent in the chat." : `Payment link made: ${created.url}` };
      });
    case "cancelPaymentLink":
      return runAndRedirect(here, async () => {
        await caller.paymentLink.cancel(paymentLinkIdSchema.parse({ id: form.get("paymentLinkId") }));
        return "Payment link cancelled.";
      });
    case "resendPaymentLink":
      return runAndRedirect(here, async () => {
        await caller.paymentLink.resend(resendPaymentLinkSchema.parse({ id: form.get("paymentLinkId"), conversationId: form.get("conversationId") }));
        return "Payment link sent again.";
      });
  }
}
