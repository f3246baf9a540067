// Payment links through Razorpay's API, with the official SDK.
import Razorpay from "razorpay";
import RazorpayApi from "razorpay/dist/api.js";
import paymentLinkResource from "razorpay/dist/resources/paymentLink.js";
import type { PaymentLinks } from "razorpay/dist/types/paymentLink";
import { ProviderError } from "~/providers/provider-error";
import {
  createPaymentLinkInputSchema,
  type PaymentLink,
  type PaymentsProvider,
} from "./payments.types";
import { verifyRazorpaySignature } from "./razorpay-signature.server";

export const RAZORPAY_API_HOST = "https://api.razorpay.com";

export type RazorpayConfig = {
  keyId: string;
  keySecret: string;
  /** Sends API calls to this origin instead of https://api.razorpay.com (a proxy, or a local fake in tests). */
  apiBaseUrl?: string;
};

/**
 * The SDK's payment-link resource on the SDK's own API client. `new Razorpay()`
 * builds exactly these two, but fixes the host; the client's constructor takes
 * it (`hostUrl`, in the SDK's published types), so one code path serves the
 * real API and any other host, with no SDK internals touched afterwards.
 */
function paymentLinks(config: RazorpayConfig) {
  const api = new RazorpayApi({
    hostUrl: (config.apiBaseUrl ?? RAZORPAY_API_HOST).replace(/\/$/, ""),
    ua: `razorpay-node@${Razorpay.VERSION}`,
    key_id: config.keyId,
    key_secret: config.keySecret,
  });
  return paymentLinkResource(api);
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
  const links = paymentLinks(config);

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
        return toPaymentLink(await links.create(body));
      } catch (error) {
        throw toProviderError(error);
      }
    },
    async fetchPaymentLink({ organizationId, externalId }) {
      let link: PaymentLinks.RazorpayPaymentLink;
      try {
        link = await links.fetch(externalId);
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
