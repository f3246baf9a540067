// GET/POST /sandbox/checkout/:externalId — the sandbox's stand-in for Razorpay's checkout: pay by UPI
// or card, fail, or go back. Paying posts the signed webhooks Razorpay would send through our own
// webhook rules (answerRazorpayWebhook), then lands on our link page, as Razorpay's callback does.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { AuthLayout } from "~/components/auth-layout";
import { Button } from "~/components/ui/button";
import { formatAmount } from "~/domain/payment/money";
import { completeSandboxCheckout, findSandboxCheckout, SandboxCheckoutClosed } from "~/services/payment/sandbox-checkout.server";
import { prisma } from "~/utils/db.server";
import { answerRazorpayWebhook } from "~/web/razorpay-webhook.server";

export const meta: MetaFunction = () => [{ title: "Sandbox checkout · Leadlane" }, { name: "robots", content: "noindex" }];

export async function loader({ params }: LoaderFunctionArgs) {
  const found = await findSandboxCheckout(prisma, { externalId: params.externalId ?? "" });
  if (!found) throw json({ message: "There is no sandbox payment here." }, { status: 404 });
  return json({
    amountPaise: found.view.amountPaise.toString(),
    description: found.link.description,
    payee: found.link.contact.name,
    status: found.view.status,
    payable: found.view.payable,
  });
}

const OUTCOMES = { upi: { outcome: "captured", method: "upi" }, card: { outcome: "captured", method: "card" }, fail: { outcome: "failed", method: "upi" } } as const;

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await request.formData();
  const choice = OUTCOMES[String(form.get("pay")) as keyof typeof OUTCOMES];
  if (!choice) return json({ message: "Choose how to pay." }, { status: 400 });
  let completed: Awaited<ReturnType<typeof completeSandboxCheckout>>;
  try {
    completed = await completeSandboxCheckout(prisma, { externalId: params.externalId ?? "", ...choice });
  } catch (error) {
    if (error instanceof SandboxCheckoutClosed) return json({ message: error.message }, { status: 409 });
    throw error;
  }
  if (!completed) throw json({ message: "There is no sandbox payment here." }, { status: 404 });
  for (const webhook of completed.result.webhooks) {
    const answer = await answerRazorpayWebhook(
      {
        method: "POST",
        signature: webhook.headers["x-razorpay-signature"],
        eventId: webhook.headers["x-razorpay-event-id"],
        readBody: async () => Buffer.from(webhook.rawBody, "utf8"),
        discardBody: async () => {},
      },
      completed.accountId,
    );
    if (answer.status !== 200) throw new Error(`The sandbox's ${webhook.event} webhook was refused (${answer.status}): ${answer.body}`);
  }
  if (choice.outcome === "failed") return json({ message: "The payment failed: the bank declined it (sandbox). Try again or use another method." }, { status: 402 });
  // An order is answered as Checkout answers it: a form post of the signed payment to our link page.
  const answer = completed.result.checkoutResponse;
  if (answer) return json({ continueTo: { action: `/p/${completed.code}/paid`, fields: answer } });
  return redirect(completed.result.callbackUrl ?? `/p/${completed.code}`);
}

export default function SandboxCheckout() {
  const { amountPaise, description, status, payable } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  if (answer && "continueTo" in answer) return <CheckoutAnswerForm {...answer.continueTo} />;
  const failed = answer && "message" in answer ? answer : null;
  return (
    <AuthLayout title={formatAmount(BigInt(amountPaise))} subtitle={description}>
      <p className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100">
        Sandbox checkout: no money moves. Razorpay&apos;s own page appears here once the organization connects its keys.
      </p>
      {failed ? (
        <p role="alert" className="mb-4 text-sm text-red-700 dark:text-red-300">
          {failed.message}
        </p>
      ) : null}
      {payable ? (
        <Form method="post" className="grid gap-2">
          <Button name="pay" value="upi" pending={busy && navigation.formData?.get("pay") === "upi"} pendingText="Paying…">
            Pay {formatAmount(BigInt(amountPaise))} with UPI
          </Button>
          <Button name="pay" value="card" variant="secondary" pending={busy && navigation.formData?.get("pay") === "card"} pendingText="Paying…">
            Pay with a card
          </Button>
          <Button name="pay" value="fail" variant="ghost" pending={busy && navigation.formData?.get("pay") === "fail"} pendingText="Trying…">
            Make the payment fail
          </Button>
        </Form>
      ) : (
        <p className="text-sm">This payment is {status.replace("_", " ")}; there is nothing to pay.</p>
      )}
    </AuthLayout>
  );
}

/**
 * What Razorpay Checkout does after a payment on an order: it posts the signed payment to the page's
 * callback. With JavaScript the form goes at once; without, the customer presses Continue.
 */
function CheckoutAnswerForm({ action, fields }: { action: string; fields: Record<string, string> }) {
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => form.current?.submit(), []);
  return (
    <AuthLayout title="Payment made" subtitle="Sandbox checkout">
      <form ref={form} method="post" action={action} className="grid gap-3">
        {Object.entries(fields).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <p className="text-sm">Taking you back to the seller…</p>
        <Button>Continue</Button>
      </form>
    </AuthLayout>
  );
}
