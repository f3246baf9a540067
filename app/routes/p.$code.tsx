// GET /p/:code — the payment link we send customers. Each open is counted and goes on to the
// provider's checkout; a paid link shows its receipt, a cancelled or expired one says so. After
// paying, the provider sends the customer back here with a signed callback: they see the receipt.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { AuthLayout } from "~/components/auth-layout";
import { formatAmount } from "~/domain/payment/money";
import { openPaymentLink } from "~/services/payment/open-payment-link.server";
import { verifiedPaymentLinkCallback } from "~/services/payment/payment-link-callback.server";
import { prisma } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "Payment · Leadlane" }, { name: "robots", content: "noindex" }];

const CODE = /^[0-9A-Za-z]{6,16}$/;

const UNAVAILABLE = {
  "not found": "This payment link doesn't exist. Ask for a new one.",
  cancelled: "This payment link was cancelled. Ask for a new one if you still want to pay.",
  expired: "This payment link has expired. Ask for a new one if you still want to pay.",
  failed: "This payment link can't be opened right now. Try again in a minute.",
} as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const code = params.code ?? "";
  if (!CODE.test(code)) throw json({ message: UNAVAILABLE["not found"] }, { status: 404 });
  const url = new URL(request.url);
  const callback = await verifiedPaymentLinkCallback(prisma, { code, query: url.searchParams });
  if (callback?.paid) return json({ state: "thanks" as const, message: "Payment received. Thank you! You can close this page." });
  const opened = await openPaymentLink(prisma, { code, userAgent: request.headers.get("User-Agent") });
  if (opened.kind === "checkout") return redirect(opened.url, { headers: { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" } });
  if (opened.kind === "done") {
    const paid = `${formatAmount(opened.link.amountPaise)} for ${opened.link.description}`;
    return json({ state: "paid" as const, message: opened.link.status === "REFUNDED" ? `${paid} was paid and refunded.` : `${paid} is paid. Thank you!` });
  }
  return json({ state: "unavailable" as const, message: UNAVAILABLE[opened.reason] }, { status: opened.reason === "not found" ? 404 : 410 });
}

export default function PaymentLinkPage() {
  const { state, message } = useLoaderData<typeof loader>();
  return (
    <AuthLayout title={state === "unavailable" ? "Payment link unavailable" : "Payment"}>
      <p role={state === "unavailable" ? "alert" : "status"} className="text-sm">
        {message}
      </p>
    </AuthLayout>
  );
}
