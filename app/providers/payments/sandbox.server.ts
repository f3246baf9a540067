// Offline payment links: the link lands in the sandbox outbox and points at the sandbox checkout,
// which pays or fails it and posts a webhook signed with signRazorpayWebhook.
import type { PrismaClient } from "~/generated/prisma/client";
import { randomId, recordOutboxEntry, SANDBOX_PROVIDER } from "~/providers/sandbox-outbox.server";
import { ProviderError } from "~/providers/provider-error";
import {
  createPaymentLinkInputSchema,
  type PaymentLink,
  type PaymentLinkStatus,
  type PaymentsProvider,
} from "./payments.types";
import { verifyRazorpaySignature } from "./razorpay-signature.server";

export type SandboxPaymentsConfig = {
  db: PrismaClient;
  /** The app's public base URL; links point at `<appUrl>/sandbox/checkout/<plink id>`. */
  appUrl: string;
};

/** What the sandbox keeps in the outbox row's payload; the checkout updates `status` and `amountPaidPaise`. */
export type SandboxPaymentLinkPayload = {
  amountPaise: number;
  amountPaidPaise: number;
  currency: "INR";
  status: PaymentLinkStatus;
  shortUrl: string;
  referenceId: string;
  customer: { name: string; phone: string; email: string | null };
  callbackUrl: string | null;
  expireBy: string | null;
};

export function sandboxCheckoutUrl(appUrl: string, externalId: string): string {
  return `${appUrl.replace(/\/$/, "")}/sandbox/checkout/${externalId}`;
}

function toPaymentLink(externalId: string, payload: SandboxPaymentLinkPayload): PaymentLink {
  return {
    provider: SANDBOX_PROVIDER,
    externalId,
    shortUrl: payload.shortUrl,
    status: payload.status,
    amountPaise: payload.amountPaise,
    amountPaidPaise: payload.amountPaidPaise,
    referenceId: payload.referenceId,
  };
}

export function createSandboxPaymentsProvider({ db, appUrl }: SandboxPaymentsConfig): PaymentsProvider {
  return {
    name: "sandbox",
    async createPaymentLink(input) {
      const link = createPaymentLinkInputSchema.parse(input);
      const externalId = `plink_${randomId(14)}`;
      const payload: SandboxPaymentLinkPayload = {
        amountPaise: link.amountPaise,
        amountPaidPaise: 0,
        currency: link.currency,
        status: "created",
        shortUrl: sandboxCheckoutUrl(appUrl, externalId),
        referenceId: link.referenceId,
        customer: { name: link.customer.name, phone: link.customer.phone, email: link.customer.email ?? null },
        callbackUrl: link.callbackUrl ?? null,
        expireBy: link.expireBy?.toISOString() ?? null,
      };
      await recordOutboxEntry(db, {
        organizationId: link.organizationId,
        channel: "PAYMENT",
        toAddress: link.customer.phone,
        subject: link.description,
        body: `${link.description}\n${payload.shortUrl}`,
        payload,
        externalId,
      });
      return toPaymentLink(externalId, payload);
    },
    async fetchPaymentLink({ organizationId, externalId }) {
      const row = await db.sandboxOutbox.findFirst({ where: { externalId, organizationId, channel: "PAYMENT" } });
      if (!row) throw new ProviderError("sandbox", `payment link ${externalId} not found`, { status: 404, code: "NOT_FOUND" });
      return toPaymentLink(externalId, row.payload as SandboxPaymentLinkPayload);
    },
    verifyWebhookSignature: verifyRazorpaySignature,
  };
}
