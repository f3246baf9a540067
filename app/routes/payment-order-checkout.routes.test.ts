// The order flow: a payment link whose customer pays with Razorpay Checkout on an order, on our own
// link page, and Checkout's signed answer posted to /p/:code/paid. Against the real database, the
// sandbox, and a local server that speaks Razorpay's API: the order is made once and kept; the answer
// counts only when signed over the order id we keep (never the one posted), and nothing is written
// for a refused one; a link Razorpay refuses to make says why and is not offered.
import { afterAll, describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { routeAnswer } from "~/testing/route-requests";
import { runQueuedJobs } from "~/testing/run-queued-jobs";
import { contactWorld } from "~/trpc/routers/contact/contact-test-world";
import { signCheckout } from "~/providers/payments/index.server";
import { startFakeRazorpay } from "~/providers/testing/fake-razorpay-server";
import { ensureProviderPaymentLink } from "~/services/payment/ensure-provider-payment-link.server";
import { createContact, createProduct } from "../../prisma/factories";
import { createChannel, createConversation } from "../../prisma/factories-conversations";
import { loader as linkLoader } from "./p.$code";
import { action as paidAction, loader as paidLoader } from "./p.$code_.paid";
import { action as checkoutAction, loader as checkoutLoader } from "./sandbox.checkout.$externalId";

const KEY_ID = "rzp_test_Or7Dq2Fl9Wx3Kc";
const KEY_SECRET = "Qm4Tz8Lb2Nv6Hs1Pe5Rj";

// The Razorpay adapter reaches the API at RAZORPAY_API_BASE_URL (read when the environment is first parsed).
const razorpay = await startFakeRazorpay({ keyId: KEY_ID, keySecret: KEY_SECRET });
process.env.RAZORPAY_API_BASE_URL = razorpay.url;
afterAll(() => razorpay.close());

async function world({ razorpayKeys = false } = {}) {
  const w = await contactWorld();
  if (razorpayKeys) await (await w.as(w.owner)).paymentAccount.connect({ keyId: KEY_ID, keySecret: KEY_SECRET, webhookSecret: "whsec-order-flow-2026" });
  const product = await createProduct(prisma, { organizationId: w.organizationId, name: "Nifty Options Suite", pricePaise: 299_900n });
  const contact = await createContact(prisma, { organizationId: w.organizationId, name: "Rahul Verma", phone: "+919812345678" });
  await prisma.contact.update({ where: { id: contact.id }, data: { ownerId: w.agent.id } });
  const channel = await createChannel(prisma, { organizationId: w.organizationId, kind: "WHATSAPP" });
  const conversation = await createConversation(prisma, { organizationId: w.organizationId, contactId: contact.id, channelId: channel.id, assigneeId: w.agent.id });
  await prisma.conversation.update({ where: { id: conversation.id }, data: { lastInboundAt: new Date() } });
  const makeOrderLink = async () => {
    const created = await (await w.as(w.agent)).paymentLink.create({ contactId: contact.id, productId: product.id, checkout: "ORDER" });
    await runQueuedJobs(["payment_links_create"]);
    return prisma.paymentLink.findUniqueOrThrow({ where: { id: created.id } });
  };
  return { ...w, product, contact, conversation, makeOrderLink };
}

const openLink = (code: string) => routeAnswer(linkLoader, new Request(`http://localhost:3000/p/${code}`, { headers: { "User-Agent": "Mozilla/5.0 (Linux; Android 14)" } }), { code });
const postAnswer = (code: string, fields: Record<string, string>) =>
  routeAnswer(paidAction, new Request(`http://localhost:3000/p/${code}/paid`, { method: "POST", body: new URLSearchParams(fields) }), { code });

async function rowCounts(organizationId: string) {
  const [jobs] = await prisma.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM graphile_worker._private_jobs`;
  return {
    links: await prisma.paymentLink.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
    payments: await prisma.payment.count({ where: { organizationId } }),
    webhookEvents: await prisma.webhookEvent.count({ where: { organizationId } }),
    contactEvents: await prisma.contactEvent.count({ where: { organizationId } }),
    notifications: await prisma.notification.count({ where: { organizationId } }),
    jobs: jobs!.n,
  };
}

describe("the order flow in the sandbox", () => {
  test("the link gets an order, not a payment link; the customer pays on our page and Checkout's signed answer shows the receipt; the webhooks convert the contact", async () => {
    const w = await world();
    const link = await w.makeOrderLink();
    expect(link).toMatchObject({ checkout: "ORDER", providerLinkId: null, checkoutUrl: null, providerError: null });
    expect(link.providerOrderId).toMatch(/^order_/);
    // Another run of the job keeps the one order.
    await prisma.$executeRaw`SELECT graphile_worker.add_job('payment_links_create', json_build_object('organizationId', ${w.organizationId}::text, 'paymentLinkId', ${link.id}::text))`;
    await runQueuedJobs(["payment_links_create"]);
    expect(await prisma.paymentLink.findUniqueOrThrow({ where: { id: link.id } })).toMatchObject({ providerOrderId: link.providerOrderId });

    // Our page is the checkout: counted as an open, no redirect.
    const page = await openLink(link.code);
    expect(page.status).toBe(200);
    expect(await page.json()).toMatchObject({
      state: "order",
      checkout: { code: link.code, orderId: link.providerOrderId, amountPaise: "299900", description: "Nifty Options Suite", provider: { kind: "sandbox" } },
    });
    expect(await prisma.paymentLink.findUniqueOrThrow({ where: { id: link.id } })).toMatchObject({ openCount: 1, status: "OPENED" });

    // The sandbox's stand-in for Checkout, at the order's id.
    const externalId = link.providerOrderId!;
    const sandbox = await routeAnswer(checkoutLoader, new Request(`http://localhost:3000/sandbox/checkout/${externalId}`), { externalId });
    expect(await sandbox.json()).toMatchObject({ amountPaise: "299900", payable: true });
    const paid = await routeAnswer(checkoutAction, new Request(`http://localhost:3000/sandbox/checkout/${externalId}`, { method: "POST", body: new URLSearchParams({ pay: "card" }) }), { externalId });
    const { continueTo } = (await paid.json()) as { continueTo: { action: string; fields: Record<string, string> } };
    expect(continueTo.action).toBe(`/p/${link.code}/paid`);
    expect(continueTo.fields).toMatchObject({ razorpay_order_id: externalId, razorpay_payment_id: expect.stringMatching(/^pay_/) });

    const answer = await postAnswer(link.code, continueTo.fields);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ outcome: "paid" });

    await runQueuedJobs(["payments_apply_events"]);
    expect(await prisma.paymentLink.findUniqueOrThrow({ where: { id: link.id } })).toMatchObject({ status: "PAID", amountPaidPaise: 299_900n });
    expect(await prisma.contact.findUniqueOrThrow({ where: { id: w.contact.id } })).toMatchObject({ stage: "CONVERTED", amountSpentPaise: 299_900n });
    expect(await prisma.payment.findFirstOrThrow({ where: { organizationId: w.organizationId } })).toMatchObject({ paymentLinkId: link.id, status: "CAPTURED", method: "card" });
    // Paid: the page shows the receipt, and the sandbox takes no second payment.
    expect(await (await openLink(link.code)).json()).toMatchObject({ state: "paid" });
    const again = await routeAnswer(checkoutAction, new Request(`http://localhost:3000/sandbox/checkout/${externalId}`, { method: "POST", body: new URLSearchParams({ pay: "upi" }) }), { externalId });
    expect(again.status).toBe(409);
    // The answer page's loader (it also runs after the post) never redirects.
    const reload = await routeAnswer(paidLoader, new Request(`http://localhost:3000/p/${link.code}/paid`), { code: link.code });
    expect(reload.status).toBe(200);
    expect(await reload.json()).toEqual({ code: link.code });
  });

  test("a cancelled order link is not offered, and the sandbox will not take its payment", async () => {
    const w = await world();
    const link = await w.makeOrderLink();
    await (await w.as(w.agent)).paymentLink.cancel({ id: link.id });
    expect((await openLink(link.code)).status).toBe(410);
    const externalId = link.providerOrderId!;
    const refused = await routeAnswer(checkoutAction, new Request(`http://localhost:3000/sandbox/checkout/${externalId}`, { method: "POST", body: new URLSearchParams({ pay: "upi" }) }), { externalId });
    expect(refused.status).toBe(409);
    expect(await prisma.payment.count({ where: { organizationId: w.organizationId } })).toBe(0);
  });
});

describe("Checkout's answer, checked against the order we keep", () => {
  test("signed over another order (another link, another organization's), tampered, or with fields missing: refused, nothing written", async () => {
    const w = await world();
    const link = await w.makeOrderLink();
    const other = await world();
    const otherLink = await other.makeOrderLink();
    const sandboxSecret = (await import("~/providers/payments/index.server")).SANDBOX_RAZORPAY_KEY_SECRET;
    const paymentId = "pay_Fo7Ge2Hu9Iv3Jw";
    const before = await rowCounts(w.organizationId);

    // A real signature, but for the other organization's order: posted with that order id, or with ours.
    const forOther = signCheckout({ orderId: otherLink.providerOrderId!, paymentId, keySecret: sandboxSecret });
    for (const orderId of [otherLink.providerOrderId!, link.providerOrderId!]) {
      const answer = await postAnswer(link.code, { razorpay_order_id: orderId, razorpay_payment_id: paymentId, razorpay_signature: forOther });
      expect(answer.status).toBe(400);
      expect(await answer.json()).toMatchObject({ outcome: "refused" });
    }
    // Ours, one hex digit changed; a payment id other than the one signed; no signature; not a payment id.
    const ours = signCheckout({ orderId: link.providerOrderId!, paymentId, keySecret: sandboxSecret });
    const flipped = `${ours.slice(0, -1)}${ours.endsWith("0") ? "1" : "0"}`;
    const badAnswers: Array<Record<string, string>> = [
      { razorpay_payment_id: paymentId, razorpay_signature: flipped },
      { razorpay_payment_id: "pay_Xx1Yy2Zz3Aa4Bb", razorpay_signature: ours },
      { razorpay_payment_id: paymentId },
      { razorpay_payment_id: "<script>", razorpay_signature: ours },
    ];
    for (const fields of badAnswers) {
      expect((await postAnswer(link.code, fields)).status).toBe(400);
    }
    // The same answer at a payment-link checkout (no order kept) or an unknown code.
    const plink = await (await w.as(w.agent)).paymentLink.create({ contactId: w.contact.id, productId: w.product.id });
    const plinkCode = (await prisma.paymentLink.findUniqueOrThrow({ where: { id: plink.id } })).code;
    const beforePlink = await rowCounts(w.organizationId);
    expect((await postAnswer(plinkCode, { razorpay_payment_id: paymentId, razorpay_signature: ours })).status).toBe(400);
    expect((await postAnswer("nosuchcode1", { razorpay_payment_id: paymentId, razorpay_signature: ours })).status).toBe(400);
    expect((await postAnswer("bad code!", { razorpay_payment_id: paymentId, razorpay_signature: ours })).status).toBe(404);
    expect(await rowCounts(w.organizationId)).toEqual(beforePlink);
    expect({ ...before, links: before.links.length }).toEqual({ ...beforePlink, links: beforePlink.links.length - 1, contactEvents: beforePlink.contactEvents - 1, jobs: beforePlink.jobs - 1 });

    // Signed over the order we keep: accepted, whatever razorpay_order_id the client posts.
    const accepted = await postAnswer(link.code, { razorpay_order_id: otherLink.providerOrderId!, razorpay_payment_id: paymentId, razorpay_signature: ours });
    expect(accepted.status).toBe(200);
    expect(await rowCounts(w.organizationId)).toEqual(beforePlink);
  });

  test("Checkout's failure answer says why, and the customer can go back to pay", async () => {
    const w = await world();
    const link = await w.makeOrderLink();
    const answer = await postAnswer(link.code, { "error[code]": "BAD_REQUEST_ERROR", "error[description]": "Payment failed because the card was declined." });
    expect(answer.status).toBe(402);
    expect(await answer.json()).toMatchObject({ outcome: "failed", code: link.code, message: "The payment didn't go through: Payment failed because the card was declined." });
  });
});

describe("asking the provider once", () => {
  test("the job and the customer's opens asking at once all get the one payment link; none is taken for a refusal", async () => {
    const w = await world();
    const created = await (await w.as(w.agent)).paymentLink.create({ contactId: w.contact.id, productId: w.product.id });
    const outcomes = await Promise.all(Array.from({ length: 6 }, () => ensureProviderPaymentLink(prisma, { organizationId: w.organizationId, paymentLinkId: created.id })));
    const link = await prisma.paymentLink.findUniqueOrThrow({ where: { id: created.id } });
    expect(link.providerError).toBeNull();
    expect(outcomes).toEqual(Array.from({ length: 6 }, () => ({ checkoutUrl: link.checkoutUrl })));
    expect(await prisma.sandboxOutbox.count({ where: { organizationId: w.organizationId, channel: "PAYMENT" } })).toBe(1);
  });
});

describe("with the organization's Razorpay keys", () => {
  test("the order is made at Razorpay with our receipt; our page offers Razorpay Checkout with the public key id only; a Checkout answer signed with the key secret counts", async () => {
    razorpay.reset();
    const w = await world({ razorpayKeys: true });
    const link = await w.makeOrderLink();
    const order = razorpay.orders.get(link.providerOrderId!)!;
    expect(order).toMatchObject({ amount: 299_900, currency: "INR", receipt: link.id });
    const page = await openLink(link.code);
    const body = await page.text();
    expect(JSON.parse(body)).toMatchObject({ state: "order", checkout: { orderId: order.id, provider: { kind: "razorpay", keyId: KEY_ID } } });
    expect(body).not.toContain(KEY_SECRET);

    const payment = razorpay.payOrder(order.id, { method: "upi" });
    const answer = await postAnswer(link.code, { razorpay_order_id: order.id, razorpay_payment_id: payment.id, razorpay_signature: signCheckout({ orderId: order.id, paymentId: payment.id, keySecret: KEY_SECRET }) });
    expect(answer.status).toBe(200);
    // The sandbox's key secret does not sign for a Razorpay account.
    const { SANDBOX_RAZORPAY_KEY_SECRET } = await import("~/providers/payments/index.server");
    const wrongKey = signCheckout({ orderId: order.id, paymentId: payment.id, keySecret: SANDBOX_RAZORPAY_KEY_SECRET });
    expect((await postAnswer(link.code, { razorpay_payment_id: payment.id, razorpay_signature: wrongKey })).status).toBe(400);
  });

  test("a link Razorpay refuses to make keeps Razorpay's words, is not offered or sent again; a refusal it may recover from is retried", async () => {
    razorpay.reset();
    const w = await world({ razorpayKeys: true });
    const agent = await w.as(w.agent);
    // A server error first: the job throws, to be retried, and the link is left as it was; the retry makes the order.
    razorpay.failNext({ status: 503 });
    const retried = await agent.paymentLink.create({ contactId: w.contact.id, productId: w.product.id, checkout: "ORDER" });
    await expect(runQueuedJobs(["payment_links_create"])).rejects.toThrow(/503/);
    expect(await prisma.paymentLink.findUniqueOrThrow({ where: { id: retried.id } })).toMatchObject({ providerError: null, providerOrderId: null });
    await runQueuedJobs(["payment_links_create"]);
    expect((await prisma.paymentLink.findUniqueOrThrow({ where: { id: retried.id } })).providerOrderId).toMatch(/^order_/);

    razorpay.failNext({ status: 400, body: { error: { code: "BAD_REQUEST_ERROR", description: "Your account is not activated for orders", source: "business", step: "payment_initiation", reason: "input_validation_failed", metadata: {} } } });
    const refused = await agent.paymentLink.create({ contactId: w.contact.id, amount: "2,999", description: "Nifty Options Suite", checkout: "ORDER" });
    await runQueuedJobs(["payment_links_create"]);
    const row = await prisma.paymentLink.findUniqueOrThrow({ where: { id: refused.id } });
    expect(row.providerOrderId).toBeNull();
    expect(row.providerError).toBe("Your account is not activated for orders");
    const view = (await agent.paymentLink.forContact({ contactId: w.contact.id })).links.find((link) => link.id === refused.id)!;
    expect(view.providerError).toBe("Your account is not activated for orders");
    await expect(agent.paymentLink.resend({ id: refused.id, conversationId: w.conversation.id })).rejects.toThrow(/refused to make this link/);
    const page = await openLink(row.code);
    expect(page.status).toBe(410);
    expect(await page.json()).toMatchObject({ state: "unavailable", message: "This payment link couldn't be set up. Ask for a new one." });
    expect(await prisma.paymentLink.findUniqueOrThrow({ where: { id: refused.id } })).toMatchObject({ openCount: 0 });
  });
});
