// GET /p/:code — the payment link we send customers. Each open is counted and goes on to the
// provider's checkout; a paid link shows its receipt, a cancelled or expired one says so. After
// paying, the provider sends the customer back here with a signed callback: they see the receipt.
// A link of the order flow is paid on this page itself (Razorpay Checkout on its order, or the
// sandbox's page), and Checkout posts its signed answer to /p/:code/paid.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { AuthLayout } from "~/components/auth-layout";
import { OrderCheckoutPanel, PAYMENT_THANKS, PaymentNotice } from "~/components/payment/order-checkout-panel";
import { PAYMENT_LINK_CODE } from "~/domain/payment/payment-link.schema";
import { formatAmount } from "~/domain/payment/money";
import { orderCheckoutView } from "~/domain/payment/order-checkout";
import { openPaymentLink } from "~/services/payment/open-payment-link.server";
import { verifiedPaymentLinkCallback } from "~/services/payment/payment-link-callback.server";
import { prisma } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "Payment · Leadlane" }, { name: "robots", content: "noindex" }];

const UNAVAILABLE = {
  "not found": "This payment link doesn't exist. Ask for a new one.",
  cancelled: "This payment link was cancelled. Ask for a new one if you still want to pay.",
  expired: "This payment link has expired. Ask for a new one if you still want to pay.",
  refused: "This payment link couldn't be set up. Ask for a new one.",
} as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const code = params.code ?? "";
  if (!PAYMENT_LINK_CODE.test(code)) throw json({ message: UNAVAILABLE["not found"] }, { status: 404 });
  const url = new URL(request.url);
  const callback = await verifiedPaymentLinkCallback(prisma, { code, query: url.searchParams });
  if (callback?.paid) return json({ state: "thanks" as const, message: PAYMENT_THANKS });
  const opened = await openPaymentLink(prisma, { code, userAgent: request.headers.get("User-Agent") });
  if (opened.kind === "checkout") return redirect(opened.url, { headers: { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" } });
  if (opened.kind === "order") {
    return json(
      { state: "order" as const, message: "", checkout: orderCheckoutView(opened.checkout) },
      { headers: { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" } },
    );
  }
  if (opened.kind === "done") {
    const paid = `${formatAmount(opened.link.amountPaise)} for ${opened.link.description}`;
    return json({ state: "paid" as const, message: opened.link.status === "REFUNDED" ? `${paid} was paid and refunded.` : `${paid} is paid. Thank you!` });
  }
  return json({ state: "unavailable" as const, message: UNAVAILABLE[opened.reason] }, { status: opened.reason === "not found" ? 404 : 410 });
}

export default function PaymentLinkPage() {
  const data = useLoaderData<typeof loader>();
  if (data.state === "order") {
    const { checkout } = data;
    return (
      <AuthLayout title={formatAmount(BigInt(checkout.amountPaise))} subtitle={`${checkout.description} · ${checkout.payee}`}>
        <OrderCheckoutPanel checkout={checkout} />
      </AuthLayout>
    );
  }
  return <PaymentNotice title={data.state === "unavailable" ? "Payment link unavailable" : "Payment"} message={data.message} alert={data.state === "unavailable"} />;
}
