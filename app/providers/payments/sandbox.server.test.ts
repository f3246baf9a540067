import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, test } from "vitest";
import type { PrismaClient } from "~/generated/prisma/client";
import { ProviderError } from "~/providers/provider-error";
import { prisma } from "~/utils/db.server";
import { createOrganization } from "../../../prisma/factories";
import type { CreatePaymentLinkInput } from "./payments.types";
import { signRazorpayWebhook, verifyRazorpayWebhookSignature } from "./razorpay-signature.server";
import {
  createSandboxPaymentsProvider,
  postSandboxWebhook,
  SANDBOX_RAZORPAY_KEY_SECRET,
  SANDBOX_RAZORPAY_WEBHOOK_SECRET,
  type SandboxPaymentLinkPayload,
} from "./sandbox.server";

const payments = createSandboxPaymentsProvider({ db: prisma, appUrl: "http://localhost:3000" });

function linkInput(organizationId: string, fields: Partial<CreatePaymentLinkInput> = {}): CreatePaymentLinkInput {
  return {
    organizationId,
    amountPaise: 249_900n,
    description: "Nifty Scalper indicator",
    customer: { name: "Rohan Iyer", phone: "+919812345678" },
    referenceId: "pay_ref_9",
    ...fields,
  };
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe("payment links", () => {
  test("are recorded in their organization's outbox and link to the sandbox checkout", async () => {
    const { organization } = await createOrganization(prisma);
    const { organization: other } = await createOrganization(prisma);

    const link = await payments.createPaymentLink(linkInput(organization.id));

    expect(link).toEqual({
      provider: "sandbox",
      externalId: expect.stringMatching(/^plink_[0-9A-Za-z]{14}$/),
      shortUrl: `http://localhost:3000/sandbox/checkout/${link.externalId}`,
      status: "created",
      amountPaise: 249_900n,
      amountPaidPaise: 0n,
      currency: "INR",
      referenceId: "pay_ref_9",
      paymentIds: [],
    });
    const rows = await prisma.sandboxOutbox.findMany({ where: { organizationId: organization.id } });
    expect(rows).toEqual([
      expect.objectContaining({
        channel: "PAYMENT",
        provider: "sandbox",
        toAddress: "+919812345678",
        subject: "Nifty Scalper indicator",
        body: `Nifty Scalper indicator\n${link.shortUrl}`,
        externalId: link.externalId,
        payload: {
          kind: "payment_link",
          amountPaise: "249900",
          amountPaidPaise: "0",
          currency: "INR",
          status: "created",
          shortUrl: link.shortUrl,
          referenceId: "pay_ref_9",
          description: "Nifty Scalper indicator",
          customer: { name: "Rohan Iyer", phone: "+919812345678", email: null },
          callbackUrl: null,
          expireBy: null,
          paymentIds: [],
        },
      }),
    ]);
    expect(await prisma.sandboxOutbox.count({ where: { organizationId: other.id } })).toBe(0);

    expect(await payments.fetchPaymentLink({ organizationId: organization.id, externalId: link.externalId })).toEqual(link);
    expect(await failure(payments.fetchPaymentLink({ organizationId: other.id, externalId: link.externalId }))).toMatchObject({
      status: 404,
      code: "NOT_FOUND",
    });
  });

  test("keep amounts exactly", async () => {
    const { organization } = await createOrganization(prisma);
    const link = await payments.createPaymentLink(linkInput(organization.id, { amountPaise: 4_999_999_999n }));
    expect((await payments.fetchPaymentLink({ organizationId: organization.id, externalId: link.externalId })).amountPaise).toBe(4_999_999_999n);
  });

  test("refuse fractional paise and write nothing", async () => {
    const { organization } = await createOrganization(prisma);
    await expect(payments.createPaymentLink(linkInput(organization.id, { amountPaise: 99.5 as unknown as bigint }))).rejects.toThrow(
      /whole number of paise/,
    );
    expect(await prisma.sandboxOutbox.count({ where: { organizationId: organization.id } })).toBe(0);
  });

  test("written before amounts were strings still read", async () => {
    const { organization } = await createOrganization(prisma);
    await prisma.sandboxOutbox.create({
      data: {
        organizationId: organization.id,
        channel: "PAYMENT",
        provider: "sandbox",
        toAddress: "+919812345678",
        body: "Old link",
        externalId: "plink_OldShape000001",
        payload: {
          amountPaise: 249900,
          amountPaidPaise: 0,
          currency: "INR",
          status: "created",
          shortUrl: "http://localhost:3000/sandbox/checkout/plink_OldShape000001",
          referenceId: "pay_ref_old",
          customer: { name: "Rohan", phone: "+919812345678", email: null },
          callbackUrl: null,
          expireBy: null,
        },
      },
    });
    expect(await payments.fetchPaymentLink({ organizationId: organization.id, externalId: "plink_OldShape000001" })).toMatchObject({
      amountPaise: 249_900n,
      amountPaidPaise: 0n,
      paymentIds: [],
    });
  });

  test("keep reference ids unique and are found by them, within the organization", async () => {
    const { organization } = await createOrganization(prisma);
    const { organization: other } = await createOrganization(prisma);
    const link = await payments.createPaymentLink(linkInput(organization.id));

    const duplicate = await failure(payments.createPaymentLink(linkInput(organization.id)));
    expect(duplicate).toMatchObject({ status: 400, code: "BAD_REQUEST_ERROR", retryable: false });
    expect(duplicate.message).toContain("reference_id");

    expect(await payments.findPaymentLinkByReference({ organizationId: organization.id, referenceId: "pay_ref_9" })).toEqual(link);
    expect(await payments.findPaymentLinkByReference({ organizationId: other.id, referenceId: "pay_ref_9" })).toBeNull();
    // Another organization may use the same reference.
    await expect(payments.createPaymentLink(linkInput(other.id))).resolves.toMatchObject({ referenceId: "pay_ref_9" });
  });

  test("are cancelled while unpaid; cancelling twice changes nothing; another organization's are untouched", async () => {
    const { organization } = await createOrganization(prisma);
    const { organization: other } = await createOrganization(prisma);
    const { externalId } = await payments.createPaymentLink(linkInput(organization.id));

    expect(await failure(payments.cancelPaymentLink({ organizationId: other.id, externalId }))).toMatchObject({ status: 404, code: "NOT_FOUND" });
    expect(await payments.fetchPaymentLink({ organizationId: organization.id, externalId })).toMatchObject({ status: "created" });

    expect(await payments.cancelPaymentLink({ organizationId: organization.id, externalId })).toMatchObject({ status: "cancelled" });
    expect(await payments.cancelPaymentLink({ organizationId: organization.id, externalId })).toMatchObject({ status: "cancelled" });
    expect(await failure(payments.completeCheckout({ organizationId: organization.id, externalId, outcome: "captured" }))).toMatchObject({
      status: 400,
    });
  });

  test("that are paid cannot be cancelled", async () => {
    const { organization } = await createOrganization(prisma);
    const { externalId } = await payments.createPaymentLink(linkInput(organization.id));
    await payments.completeCheckout({ organizationId: organization.id, externalId, outcome: "captured" });
    expect(await failure(payments.cancelPaymentLink({ organizationId: organization.id, externalId }))).toMatchObject({
      status: 400,
      code: "BAD_REQUEST_ERROR",
      retryable: false,
    });
  });

  test("past their expiry read as expired and cannot be paid", async () => {
    const { organization } = await createOrganization(prisma);
    let now = new Date("2026-12-04T10:00:00Z");
    const clocked = createSandboxPaymentsProvider({ db: prisma, appUrl: "http://localhost:3000", now: () => now });
    const { externalId } = await clocked.createPaymentLink(linkInput(organization.id, { expireBy: new Date("2026-12-04T11:00:00Z") }));
    expect(await clocked.fetchPaymentLink({ organizationId: organization.id, externalId })).toMatchObject({ status: "created" });
    now = new Date("2026-12-04T11:00:00Z");
    expect(await clocked.fetchPaymentLink({ organizationId: organization.id, externalId })).toMatchObject({ status: "expired" });
    expect(await failure(clocked.completeCheckout({ organizationId: organization.id, externalId, outcome: "captured" }))).toMatchObject({
      status: 400,
    });
  });
});

describe("orders", () => {
  test("are recorded for their organization and read back", async () => {
    const { organization } = await createOrganization(prisma);
    const { organization: other } = await createOrganization(prisma);
    const order = await payments.createOrder({ organizationId: organization.id, amountPaise: 99_900n, receipt: "pay_7f3a9c" });

    expect(order).toEqual({
      provider: "sandbox",
      externalId: expect.stringMatching(/^order_[0-9A-Za-z]{14}$/),
      status: "created",
      amountPaise: 99_900n,
      amountPaidPaise: 0n,
      currency: "INR",
      receipt: "pay_7f3a9c",
      attempts: 0,
    });
    expect(await payments.fetchOrder({ organizationId: organization.id, externalId: order.externalId })).toEqual(order);
    expect(await failure(payments.fetchOrder({ organizationId: other.id, externalId: order.externalId }))).toMatchObject({
      status: 404,
      code: "NOT_FOUND",
    });
    const row = await prisma.sandboxOutbox.findUniqueOrThrow({ where: { externalId: order.externalId } });
    expect(row).toMatchObject({ channel: "PAYMENT", toAddress: "", subject: "Order pay_7f3a9c", body: "Order pay_7f3a9c for ₹999" });
  });
});

/** A local endpoint that checks each webhook's signature over the bytes it received. */
async function withWebhookEndpoint(run: (url: string, received: Array<{ event: string; verified: number | null }>) => Promise<void>) {
  const received: Array<{ event: string; verified: number | null }> = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const verified = verifyRazorpayWebhookSignature(raw, req.headers["x-razorpay-signature"] as string, [SANDBOX_RAZORPAY_WEBHOOK_SECRET]);
    received.push({ event: (JSON.parse(raw.toString("utf8")) as { event: string }).event, verified });
    res.writeHead(verified === null ? 401 : 200).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/razorpay`, received);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

describe("the sandbox checkout", () => {
  test("pays a link: the payment, the paid link, signed webhooks and a signed callback", async () => {
    const { organization } = await createOrganization(prisma);
    const link = await payments.createPaymentLink(linkInput(organization.id, { callbackUrl: "https://crm.example.com/pay/thanks?from=wa" }));

    const result = await payments.completeCheckout({ organizationId: organization.id, externalId: link.externalId, outcome: "captured", method: "card" });

    expect(result.payment).toMatchObject({
      provider: "sandbox",
      externalId: expect.stringMatching(/^pay_[0-9A-Za-z]{14}$/),
      status: "captured",
      amountPaise: 249_900n,
      currency: "INR",
      method: "card",
      orderId: null,
    });
    const paymentId = result.payment.externalId;
    expect(await payments.fetchPayment({ organizationId: organization.id, externalId: paymentId })).toEqual(result.payment);
    expect(await payments.fetchPaymentLink({ organizationId: organization.id, externalId: link.externalId })).toMatchObject({
      status: "paid",
      amountPaidPaise: 249_900n,
      paymentIds: [paymentId],
    });

    expect(result.webhooks.map((webhook) => webhook.event)).toEqual(["payment.captured", "payment_link.paid"]);
    for (const webhook of result.webhooks) {
      expect(payments.verifyWebhookSignature(webhook.rawBody, webhook.headers["x-razorpay-signature"])).toBe(0);
      expect(webhook.headers["x-razorpay-event-id"]).toBe(webhook.eventId);
    }
    expect(new Set(result.webhooks.map((webhook) => webhook.eventId)).size).toBe(2);
    expect(JSON.parse(result.webhooks[1]!.rawBody)).toMatchObject({
      entity: "event",
      event: "payment_link.paid",
      contains: ["payment_link", "payment"],
      payload: {
        payment_link: {
          entity: { id: link.externalId, status: "paid", amount: 249900, amount_paid: 249900, reference_id: "pay_ref_9", notes: { organization_id: organization.id } },
        },
        payment: { entity: { id: paymentId, status: "captured", amount: 249900, currency: "INR", method: "card" } },
      },
    });

    const callback = new URL(result.callbackUrl!);
    expect(callback.origin + callback.pathname).toBe("https://crm.example.com/pay/thanks");
    expect(callback.searchParams.get("from")).toBe("wa");
    expect(callback.searchParams.get("razorpay_payment_link_status")).toBe("paid");
    expect(
      payments.verifyPaymentLinkCallbackSignature({
        paymentLinkId: callback.searchParams.get("razorpay_payment_link_id")!,
        referenceId: callback.searchParams.get("razorpay_payment_link_reference_id")!,
        status: callback.searchParams.get("razorpay_payment_link_status")!,
        paymentId: callback.searchParams.get("razorpay_payment_id")!,
        signature: callback.searchParams.get("razorpay_signature"),
      }),
    ).toBe(true);
    expect(result.checkoutResponse).toBeNull();
  });

  test("posts its webhooks so that our endpoint can verify the bytes it receives", async () => {
    const { organization } = await createOrganization(prisma);
    const link = await payments.createPaymentLink(linkInput(organization.id));
    const result = await payments.completeCheckout({ organizationId: organization.id, externalId: link.externalId, outcome: "captured" });

    await withWebhookEndpoint(async (url, received) => {
      for (const webhook of result.webhooks) expect(await postSandboxWebhook(url, webhook)).toBe(200);
      expect(received).toEqual([
        { event: "payment.captured", verified: 0 },
        { event: "payment_link.paid", verified: 0 },
      ]);
    });
  });

  test("records a failed payment on a link, which stays payable", async () => {
    const { organization } = await createOrganization(prisma);
    const link = await payments.createPaymentLink(linkInput(organization.id));
    const failed = await payments.completeCheckout({ organizationId: organization.id, externalId: link.externalId, outcome: "failed" });

    expect(failed.payment).toMatchObject({ status: "failed", errorDescription: expect.any(String) });
    expect(failed.webhooks.map((webhook) => webhook.event)).toEqual(["payment.failed"]);
    expect(failed.callbackUrl).toBeNull();
    expect(await payments.fetchPaymentLink({ organizationId: organization.id, externalId: link.externalId })).toMatchObject({
      status: "created",
      amountPaidPaise: 0n,
      paymentIds: [failed.payment.externalId],
    });
    const paid = await payments.completeCheckout({ organizationId: organization.id, externalId: link.externalId, outcome: "captured" });
    expect((await payments.fetchPaymentLink({ organizationId: organization.id, externalId: link.externalId })).paymentIds).toEqual([
      failed.payment.externalId,
      paid.payment.externalId,
    ]);
  });

  test("pays an order after a failed attempt, answering as Checkout does", async () => {
    const { organization } = await createOrganization(prisma);
    const order = await payments.createOrder({ organizationId: organization.id, amountPaise: 99_900n, receipt: "pay_7f3a9c" });

    const failed = await payments.completeCheckout({ organizationId: organization.id, externalId: order.externalId, outcome: "failed" });
    expect(failed.payment).toMatchObject({ status: "failed", orderId: order.externalId });
    expect(await payments.fetchOrder({ organizationId: organization.id, externalId: order.externalId })).toMatchObject({ status: "attempted", attempts: 1 });

    const paid = await payments.completeCheckout({ organizationId: organization.id, externalId: order.externalId, outcome: "captured", method: "netbanking" });
    expect(await payments.fetchOrder({ organizationId: organization.id, externalId: order.externalId })).toMatchObject({
      status: "paid",
      amountPaidPaise: 99_900n,
      attempts: 2,
    });
    expect(await payments.fetchPayment({ organizationId: organization.id, externalId: paid.payment.externalId })).toMatchObject({
      status: "captured",
      amountPaise: 99_900n,
      orderId: order.externalId,
      method: "netbanking",
    });
    expect(paid.webhooks.map((webhook) => webhook.event)).toEqual(["payment.captured", "order.paid"]);
    expect(JSON.parse(paid.webhooks[1]!.rawBody).payload.order.entity).toMatchObject({ id: order.externalId, status: "paid", amount_due: 0, attempts: 2 });

    const response = paid.checkoutResponse!;
    expect(response.razorpay_order_id).toBe(order.externalId);
    expect(response.razorpay_payment_id).toBe(paid.payment.externalId);
    expect(
      payments.verifyCheckoutSignature({ orderId: response.razorpay_order_id, paymentId: response.razorpay_payment_id, signature: response.razorpay_signature }),
    ).toBe(true);
    expect(await failure(payments.completeCheckout({ organizationId: organization.id, externalId: order.externalId, outcome: "captured" }))).toMatchObject({
      status: 400,
    });
  });

  test("pays a link once when another checkout finished between its read and its write", async () => {
    const { organization } = await createOrganization(prisma);
    const link = await payments.createPaymentLink(linkInput(organization.id));
    // The other checkout's write lands just before ours.
    let interfered = false;
    const racing = new Proxy(prisma, {
      get(target, property, receiver) {
        if (property !== "sandboxOutbox") return Reflect.get(target, property, receiver);
        return new Proxy(target.sandboxOutbox, {
          get(outbox, name, outboxReceiver) {
            if (name !== "updateMany" || interfered) return Reflect.get(outbox, name, outboxReceiver);
            return async (args: Parameters<typeof outbox.updateMany>[0]) => {
              interfered = true;
              const row = await outbox.findUniqueOrThrow({ where: { externalId: link.externalId } });
              const payload = row.payload as SandboxPaymentLinkPayload;
              await outbox.update({ where: { id: row.id }, data: { payload: { ...payload, status: "paid", paymentIds: ["pay_TheOtherOne0001"] } } });
              return outbox.updateMany(args);
            };
          },
        });
      },
    }) as PrismaClient;
    const loser = createSandboxPaymentsProvider({ db: racing, appUrl: "http://localhost:3000" });

    const conflict = await failure(loser.completeCheckout({ organizationId: organization.id, externalId: link.externalId, outcome: "captured" }));
    expect(conflict).toMatchObject({ status: 409, retryable: true });
    expect((await payments.fetchPaymentLink({ organizationId: organization.id, externalId: link.externalId })).paymentIds).toEqual([
      "pay_TheOtherOne0001",
    ]);
    expect(await prisma.sandboxOutbox.count({ where: { organizationId: organization.id, externalId: { startsWith: "pay_" } } })).toBe(0);
  });

  test("of another organization's link or payment finds nothing", async () => {
    const { organization } = await createOrganization(prisma);
    const { organization: other } = await createOrganization(prisma);
    const link = await payments.createPaymentLink(linkInput(organization.id));
    const paid = await payments.completeCheckout({ organizationId: organization.id, externalId: link.externalId, outcome: "captured" });

    expect(await failure(payments.completeCheckout({ organizationId: other.id, externalId: link.externalId, outcome: "captured" }))).toMatchObject({
      status: 404,
    });
    expect(await failure(payments.fetchPayment({ organizationId: other.id, externalId: paid.payment.externalId }))).toMatchObject({
      status: 404,
      code: "NOT_FOUND",
    });
  });
});

describe("signatures", () => {
  test("webhooks are signed with the first configured secret and checked against all", async () => {
    const { organization } = await createOrganization(prisma);
    const rotating = createSandboxPaymentsProvider({ db: prisma, appUrl: "http://localhost:3000", webhookSecrets: ["whsec_new", "whsec_old"] });
    const order = await rotating.createOrder({ organizationId: organization.id, amountPaise: 10_000n, receipt: "r1" });
    const { webhooks } = await rotating.completeCheckout({ organizationId: organization.id, externalId: order.externalId, outcome: "captured" });
    expect(webhooks[0]!.headers["x-razorpay-signature"]).toBe(signRazorpayWebhook(webhooks[0]!.rawBody, "whsec_new"));
    expect(rotating.verifyWebhookSignature(webhooks[0]!.rawBody, signRazorpayWebhook(webhooks[0]!.rawBody, "whsec_old"))).toBe(1);
    expect(payments.verifyWebhookSignature(webhooks[0]!.rawBody, webhooks[0]!.headers["x-razorpay-signature"])).toBeNull();
  });

  test("are Razorpay's, byte for byte", () => {
    const rawBody = '{"event":"payment_link.paid"}';
    const signature = signRazorpayWebhook(rawBody, SANDBOX_RAZORPAY_WEBHOOK_SECRET);
    expect(payments.verifyWebhookSignature(rawBody, signature)).toBe(0);
    expect(payments.verifyWebhookSignature('{"event":"payment_link.paid" }', signature)).toBeNull();
    const flipped = signature.slice(0, -1) + (signature.endsWith("0") ? "1" : "0");
    expect(payments.verifyWebhookSignature(rawBody, flipped)).toBeNull();
    expect(
      payments.verifyCheckoutSignature({ orderId: "order_1", paymentId: "pay_1", signature: signRazorpayWebhook("order_1|pay_1", SANDBOX_RAZORPAY_KEY_SECRET) }),
    ).toBe(true);
  });
});
