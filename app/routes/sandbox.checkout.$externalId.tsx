// GET/POST /sandbox/checkout/:externalId — the sandbox's stand-in for Razorpay's checkout: pay by UPI
// or card, fail, or go back. Paying posts the signed webhooks Razorpay would send through our own
// webhook rules (answerRazorpayWebhook), then lands on our link page, as Razorpay's callback does.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { AuthLayout } from "~/components/auth-layout";
import { Button } from "~/components/ui/button";
import { formatAmount } from "~/domain/payment/money";
import { completeSandboxCheckout, findSandboxCheckout } from "~/services/payment/sandbox-checkout.server";
import { prisma } from "~/utils/db.server";
import { answerRazorpayWebhook } from "~/web/razorpay-webhook.server";

export const meta: MetaFunction = () => [{ title: "Sandbox checkout · Leadlane" }, { name: "robots", content: "noindex" }];

export async function loader({ params }: LoaderFunctionArgs) {
  const found = await findSandboxCheckout(prisma, { externalId: params.externalId ?? "" });
  if (!found) throw json({ message: "There is no sandbox payment here." }, { status: 404 });
  return json({
    amountPaise: found.sandboxLink.amountPaise.toString(),
    description: found.link.description,
    payee: found.link.contact.name,
    status: found.sandboxLink.status,
  });
}

const OUTCOMES = { upi: { outcome: "captured", method: "upi" }, card: { outcome: "captured", method: "card" }, fail: { outcome: "failed", method: "upi" } } as const;

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await request.formData();
  const choice = OUTCOMES[String(form.get("pay")) as keyof typeof OUTCOMES];
  if (!choice) return json({ message: "Choose how to pay." }, { status: 400 });
  const completed = await completeSandboxCheckout(prisma, { externalId: params.externalId ?? "", ...choice });
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
  return redirect(completed.result.callbackUrl ?? `/p/${completed.code}`);
}

export default function SandboxCheckout() {
  const { amountPaise, description, status } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const payable = status === "created" || status === "partially_paid";
  return (
    <AuthLayout title={formatAmount(BigInt(amountPaise))} subtitle={description}>
      <p className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100">
        Sandbox checkout: no money moves. Razorpay&apos;s own page appears here once the organization connects its keys.
      </p>
      {failed && "message" in failed ? (
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
        <p className="text-sm">This link is {status.replace("_", " ")}; there is nothing to pay.</p>
      )}
    </AuthLayout>
  );
}
