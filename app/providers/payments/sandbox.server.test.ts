import { expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { createOrganization } from "../../../prisma/factories";
import { signRazorpayWebhook } from "./razorpay-signature.server";
import { createSandboxPaymentsProvider } from "./sandbox.server";

const payments = createSandboxPaymentsProvider({ db: prisma, appUrl: "http://localhost:3000" });

test("records the payment link in its organization's outbox and links to the sandbox checkout", async () => {
  const { organization } = await createOrganization(prisma);
  const { organization: other } = await createOrganization(prisma);

  const link = await payments.createPaymentLink({
    organizationId: organization.id,
    amountPaise: 249900,
    currency: "INR",
    description: "Nifty Scalper indicator",
    customer: { name: "Rohan Iyer", phone: "+919812345678" },
    referenceId: "pay_ref_9",
  });

  expect(link).toEqual({
    provider: "sandbox",
    externalId: expect.stringMatching(/^plink_[0-9A-Za-z]{14}$/),
    shortUrl: `http://localhost:3000/sandbox/checkout/${link.externalId}`,
    status: "created",
    amountPaise: 249900,
    amountPaidPaise: 0,
    referenceId: "pay_ref_9",
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
        amountPaise: 249900,
        amountPaidPaise: 0,
        currency: "INR",
        status: "created",
        shortUrl: link.shortUrl,
        referenceId: "pay_ref_9",
        customer: { name: "Rohan Iyer", phone: "+919812345678", email: null },
        callbackUrl: null,
        expireBy: null,
      },
    }),
  ]);
  expect(await prisma.sandboxOutbox.count({ where: { organizationId: other.id } })).toBe(0);

  expect(await payments.fetchPaymentLink({ organizationId: organization.id, externalId: link.externalId })).toEqual(link);
  await expect(payments.fetchPaymentLink({ organizationId: other.id, externalId: link.externalId })).rejects.toMatchObject({
    status: 404,
    code: "NOT_FOUND",
  });
});

test("refuses fractional paise and writes nothing", async () => {
  const { organization } = await createOrganization(prisma);
  await expect(
    payments.createPaymentLink({
      organizationId: organization.id,
      amountPaise: 99.5,
      currency: "INR",
      description: "Indicator",
      customer: { name: "Rohan", phone: "+919812345678" },
      referenceId: "pay_ref_10",
    }),
  ).rejects.toThrow(/whole number of paise/);
  expect(await prisma.sandboxOutbox.count({ where: { organizationId: organization.id } })).toBe(0);
});

test("checks webhook signatures exactly as Razorpay does", () => {
  const rawBody = '{"event":"payment_link.paid"}';
  const signature = signRazorpayWebhook(rawBody, "sandbox-secret");
  expect(payments.verifyWebhookSignature(rawBody, signature, "sandbox-secret")).toBe(true);
  expect(payments.verifyWebhookSignature('{"event":"payment_link.paid" }', signature, "sandbox-secret")).toBe(false);
  const flipped = signature.slice(0, -1) + (signature.endsWith("0") ? "1" : "0");
  expect(payments.verifyWebhookSignature(rawBody, flipped, "sandbox-secret")).toBe(false);
});
