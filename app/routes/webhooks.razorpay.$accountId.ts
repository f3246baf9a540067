// POST /webhooks/razorpay/:accountId — a payment, payment link, order or refund event from Razorpay
// (or the sandbox checkout). Verified, stored and enqueued; answered 200.
import type { ActionFunctionArgs } from "@remix-run/node";
import { handleRazorpayWebhook } from "~/web/razorpay-webhook.server";

export function action({ request, params }: ActionFunctionArgs) {
  return handleRazorpayWebhook(request, params.accountId);
}

export function loader() {
  return new Response("Post Razorpay's webhook here.", { status: 405, headers: { Allow: "POST" } });
}
