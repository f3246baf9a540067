// POST /p/:code/paid — where Razorpay Checkout (or the sandbox's checkout) posts its answer for a link
// of the order flow: the signed payment, or why it failed. The signature is checked over the order id
// this link keeps, never the one posted. Nothing is written: the books move on Razorpay's webhooks.
// A GET (a bookmark, a reload after the answer) offers the way back to the link page. (The loader also
// runs after the action on the same post, so it must not redirect.)
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { AuthLayout } from "~/components/auth-layout";
import { PAYMENT_THANKS, PaymentNotice } from "~/components/payment/order-checkout-panel";
import { PAYMENT_LINK_CODE } from "~/domain/payment/payment-link.schema";
import { verifiedOrderCheckoutCallback } from "~/services/payment/payment-link-callback.server";
import { prisma } from "~/utils/db.server";

export const meta: MetaFunction = () => [{ title: "Payment · Leadlane" }, { name: "robots", content: "noindex" }];

export async function loader({ params }: LoaderFunctionArgs) {
  const code = params.code ?? "";
  if (!PAYMENT_LINK_CODE.test(code)) throw json({ message: "This payment link doesn't exist." }, { status: 404 });
  return json({ code });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const code = params.code ?? "";
  if (!PAYMENT_LINK_CODE.test(code)) throw json({ message: "This payment link doesn't exist." }, { status: 404 });
  const callback = await verifiedOrderCheckoutCallback(prisma, { code, form: await request.formData() });
  if (callback.outcome === "paid") return json({ outcome: "paid" as const, code, message: PAYMENT_THANKS });
  if (callback.outcome === "failed") return json({ outcome: "failed" as const, code, message: `The payment didn't go through: ${callback.reason}` }, { status: 402 });
  return json(
    { outcome: "refused" as const, code, message: "We couldn't confirm this payment. If money left your account, this link will show it as paid once Razorpay tells us." },
    { status: 400 },
  );
}

export default function OrderCheckoutAnswer() {
  const { code } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  if (answer?.outcome === "paid") return <PaymentNotice title="Payment" message={answer.message} />;
  return (
    <AuthLayout title={answer ? (answer.outcome === "failed" ? "Payment failed" : "Payment not confirmed") : "Payment"}>
      <p role={answer ? "alert" : "status"} className="text-sm">
        {answer?.message ?? "See where this payment stands on its page."}
      </p>
      <Link to={`/p/${code}`} className="mt-4 inline-block text-sm font-medium text-brand-700 underline dark:text-brand-100">
        Back to the payment
      </Link>
    </AuthLayout>
  );
}
