// Payment links through Razorpay's API, with the official SDK.
import Razorpay from "razorpay";
import type { PaymentLinks } from "razorpay/dist/types/paymentLink";
import { ProviderError } from "~/providers/provider-error";
import {
  createPaymentLinkInputSchema,
  type PaymentLink,
  type PaymentsProvider,
} from "./payments.types";
import { verifyRazorpaySignature } from "./razorpay-signature.server";

export type RazorpayConfig = {
  keyId: string;
  keySecret: string;
  /** Sends API calls to this origin instead of https://api.razorpay.com (a proxy, or a local fake in tests). */
  apiBaseUrl?: string;
};

/** The SDK fixes its host in the constructor but keeps the axios instance it sends through. */
function pointAt(client: Razorpay, baseUrl: string) {
  const http = (client.api as unknown as { rq?: { defaults: { baseURL?: string } } }).rq;
  if (!http) throw new Error("RAZORPAY_API_BASE_URL is not supported by this razorpay SDK version (no api.rq)");
  http.defaults.baseURL = baseUrl.replace(/\/$/, "");
}

function toPaymentLink(link: PaymentLinks.RazorpayPaymentLink): PaymentLink {
  return {
    provider: "razorpay",
    externalId: link.id,
    shortUrl: link.short_url,
    status: link.status,
    amountPaise: Number(link.amount),
    amountPaidPaise: Number(link.amount_paid ?? 0),
    referenceId: link.reference_id ?? null,
  };
}

/** The SDK rejects with `{ statusCode, error: { code, description } }`, or with a TypeError when no response came. */
function toProviderError(error: unknown): ProviderError {
  const failure = error as { statusCode?: number | string; error?: { code?: string; description?: string } };
  if (failure?.statusCode !== undefined) {
    return new ProviderError("razorpay", failure.error?.description ?? "request failed", {
      status: Number(failure.statusCode),
      code: failure.error?.code,
      cause: error,
    });
  }
  return new ProviderError("razorpay", "no response from the API", { cause: error });
}

export function createRazorpayPaymentsProvider(config: RazorpayConfig): PaymentsProvider {
  const client = new Razorpay({ key_id: config.keyId, key_secret: config.keySecret });
  if (config.apiBaseUrl) pointAt(client, config.apiBaseUrl);

  return {
    name: "razorpay",
    async createPaymentLink(input) {
      const link = createPaymentLinkInputSchema.parse(input);
      const body: PaymentLinks.RazorpayPaymentLinkCreateRequestBody = {
        amount: link.amountPaise,
        currency: link.currency,
        description: link.description,
        customer: { name: link.customer.name, contact: link.customer.phone, email: link.customer.email },
        reference_id: link.referenceId,
        // We deliver the link ourselves, in the conversation.
        notify: { sms: false, email: false },
        reminder_enable: false,
        notes: { organization_id: link.organizationId },
        ...(link.callbackUrl ? { callback_url: link.callbackUrl, callback_method: "get" } : {}),
        ...(link.expireBy ? { expire_by: Math.floor(link.expireBy.getTime() / 1000) } : {}),
      };
      try {
        return toPaymentLink(await client.paymentLink.create(body));
      } catch (error) {
        throw toProviderError(error);
      }
    },
    async fetchPaymentLink({ organizationId, externalId }) {
      let link: PaymentLinks.RazorpayPaymentLink;
      try {
        link = await client.paymentLink.fetch(externalId);
      } catch (error) {
        throw toProviderError(error);
      }
      if (link.notes?.organization_id !== organizationId) {
        throw new ProviderError("razorpay", `payment link ${externalId} not found`, { status: 404, code: "NOT_FOUND" });
      }
      return toPaymentLink(link);
    },
    verifyWebhookSignature: verifyRazorpaySignature,
  };
}
