// The customer's side of a link of the order flow, on our own link page: Razorpay Checkout opened on
// the link's order (Razorpay's script; it posts its signed answer to /p/:code/paid), or the sandbox's
// checkout page, which works without JavaScript. And the short notices these pages end with.
import { useEffect, useState } from "react";
import { AuthLayout } from "~/components/auth-layout";
import { Button, buttonClass } from "~/components/ui/button";
import { formatAmount } from "~/domain/payment/money";
import type { OrderCheckoutView } from "~/domain/payment/order-checkout";

export const PAYMENT_THANKS = "Payment received. Thank you! You can close this page.";

const RAZORPAY_CHECKOUT_SCRIPT = "https://checkout.razorpay.com/v1/checkout.js";

type RazorpayCheckout = { open(): void };
declare global {
  interface Window {
    Razorpay?: new (options: Record<string, unknown>) => RazorpayCheckout;
  }
}

export function OrderCheckoutPanel({ checkout }: { checkout: OrderCheckoutView }) {
  const amount = formatAmount(BigInt(checkout.amountPaise));
  if (checkout.provider.kind === "sandbox") {
    return (
      <div className="grid gap-3">
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100">
          Sandbox checkout: no money moves. Razorpay Checkout opens here once the organization connects its keys.
        </p>
        <a href={`/sandbox/checkout/${checkout.orderId}`} className={buttonClass("primary")}>
          Pay {amount}
        </a>
      </div>
    );
  }
  return <RazorpayCheckoutButton checkout={checkout} keyId={checkout.provider.keyId} amount={amount} />;
}

function RazorpayCheckoutButton({ checkout, keyId, amount }: { checkout: OrderCheckoutView; keyId: string; amount: string }) {
  const [state, setState] = useState<"loading" | "ready" | "unavailable">("loading");
  useEffect(() => {
    if (window.Razorpay) return setState("ready");
    const script = document.createElement("script");
    script.src = RAZORPAY_CHECKOUT_SCRIPT;
    script.async = true;
    script.onload = () => setState(window.Razorpay ? "ready" : "unavailable");
    script.onerror = () => setState("unavailable");
    document.body.appendChild(script);
  }, []);
  const open = () => {
    if (!window.Razorpay) return;
    new window.Razorpay({
      key: keyId,
      order_id: checkout.orderId,
      amount: Number(checkout.amountPaise),
      currency: "INR",
      name: checkout.payee,
      description: checkout.description,
      prefill: { name: checkout.customer.name, contact: checkout.customer.phone ?? undefined, email: checkout.customer.email ?? undefined },
      // Checkout posts razorpay_payment_id, razorpay_order_id and razorpay_signature (or the error) there.
      callback_url: `${window.location.origin}/p/${checkout.code}/paid`,
      redirect: true,
    }).open();
  };
  return (
    <div className="grid gap-3">
      <noscript>
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          Paying here needs JavaScript: turn it on and reload this page.
        </p>
      </noscript>
      <Button type="button" onClick={open} disabled={state !== "ready"} pending={state === "loading"} pendingText="Loading Razorpay…">
        Pay {amount}
      </Button>
      {state === "unavailable" ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-300">
          Razorpay&apos;s checkout couldn&apos;t be loaded. Check your connection and reload this page.
        </p>
      ) : null}
    </div>
  );
}

export function PaymentNotice({ title, message, alert = false }: { title: string; message: string; alert?: boolean }) {
  return (
    <AuthLayout title={title}>
      <p role={alert ? "alert" : "status"} className="text-sm">
        {message}
      </p>
    </AuthLayout>
  );
}
