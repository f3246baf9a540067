// Payment links through their procedures and the customer's side (/p/:code, the sandbox checkout),
// against the real database: a link for a product or an amount, sent in the chat or not; bad input
// refused by field with nothing written; who may charge whom; another organization's ids NOT_FOUND;
// and the whole sandbox flow — open, pay, webhooks, job — ending in a converted, notified contact.
import { describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { expectTRPCError } from "~/testing/caller";
import { routeAnswer } from "~/testing/route-requests";
import { runQueuedJobs } from "~/testing/run-queued-jobs";
import { toActionFailure } from "~/trpc/caller.server";
import { contactWorld } from "~/trpc/routers/contact/contact-test-world";
import { openPaymentLink } from "~/services/payment/open-payment-link.server";
import { createContact, createProduct } from "../../prisma/factories";
import { createChannel, createConversation } from "../../prisma/factories-conversations";
import { loader as linkLoader } from "./p.$code";
import { action as checkoutAction, loader as checkoutLoader } from "./sandbox.checkout.$externalId";

async function world() {
  const w = await contactWorld();
  const product = await createProduct(prisma, { organizationId: w.organizationId, name: "BankNifty Scalper Pro", pricePaise: 499_900n });
  const contact = await createContact(prisma, { organizationId: w.organizationId, name: "Priya Sharma" });
  await prisma.contact.update({ where: { id: contact.id }, data: { ownerId: w.agent.id } });
  const channel = await createChannel(prisma, { organizationId: w.organizationId, kind: "WHATSAPP" });
  const conversation = await createConversation(prisma, { organizationId: w.organizationId, contactId: contact.id, channelId: channel.id, assigneeId: w.agent.id });
  await prisma.conversation.update({ where: { id: conversation.id }, data: { lastInboundAt: new Date() } });
  return { ...w, product, contact, conversation };
}

async function counts(organizationId: string) {
  const [jobs] = await prisma.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM graphile_worker._private_jobs`;
  return {
    links: await prisma.paymentLink.count({ where: { organizationId } }),
    events: await prisma.contactEvent.count({ where: { organizationId } }),
    messages: await prisma.message.count({ where: { organizationId } }),
    jobs: jobs!.n,
  };
}

async function fieldErrors(call: Promise<unknown>) {
  return toActionFailure(await expectTRPCError(call, "BAD_REQUEST")).fieldErrors;
}

const get = (loader: unknown, url: string, params: Record<string, string>, headers: Record<string, string> = {}) => routeAnswer(loader, new Request(url, { headers }), params);

describe("making a link", () => {
  test("for a product: its price and name, our short link, the timeline, and a job that asks the provider", async () => {
    const w = await world();
    const agent = await w.as(w.agent);
    const created = await agent.paymentLink.create({ contactId: w.contact.id, productId: w.product.id });
    expect(created.url).toMatch(/\/p\/[0-9A-Za-z]{10}$/);
    const link = await prisma.paymentLink.findUniqueOrThrow({ where: { id: created.id } });
    expect(link).toMatchObject({ amountPaise: 499_900n, description: "BankNifty Scalper Pro", status: "CREATED", createdById: w.agent.id, providerLinkId: null });
    expect(link.expiresAt!.getTime() - link.createdAt.getTime()).toBe(7 * 24 * 3_600_000);
    expect(await prisma.contactEvent.count({ where: { contactId: w.contact.id, type: "PAYMENT_LINK_CREATED" } })).toBe(1);
    expect(await runQueuedJobs(["payment_links_create"])).toBe(1);
    const ready = await prisma.paymentLink.findUniqueOrThrow({ where: { id: created.id } });
    expect(ready.providerLinkId).toMatch(/^plink_/);
    expect(ready.checkoutUrl).toContain(`/sandbox/checkout/${ready.providerLinkId}`);
    // A second run finds the link made: still one at the provider.
    await prisma.$executeRaw`SELECT graphile_worker.add_job('payment_links_create', json_build_object('organizationId', ${w.organizationId}::text, 'paymentLinkId', ${created.id}::text))`;
    await runQueuedJobs(["payment_links_create"]);
    expect(await prisma.sandboxOutbox.count({ where: { organizationId: w.organizationId, channel: "PAYMENT" } })).toBe(1);
  });

  test("for a typed amount, sent in the chat: the message carries our link and the amount", async () => {
    const w = await world();
    const agent = await w.as(w.agent);
    const created = await agent.paymentLink.create({ contactId: w.contact.id, amount: "₹1,499.50", description: "Nifty Options Suite, first month", sendInConversationId: w.conversation.id });
    expect(created.conversationId).toBe(w.conversation.id);
    const [message] = await prisma.message.findMany({ where: { conversationId: w.conversation.id } });
    expect(message!.body).toBe(`Nifty Options Suite, first month: ₹1,499.50. Pay securely here: ${created.url}`);
    expect(await prisma.paymentLink.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({ amountPaise: 149_950n, messageId: message!.id, conversationId: w.conversation.id });
  });

  test("bad amounts, no amount and no product, no description, bad expiry: field errors and nothing written", async () => {
    const w = await world();
    const agent = await w.as(w.agent);
    const before = await counts(w.organizationId);
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ amount: "0", description: "x" }, "amount", /more than|above|zero/i],
      [{ amount: "-5", description: "x" }, "amount", /negative|more than/i],
      [{ amount: "12.345", description: "x" }, "amount", /2 decimal|two decimal/i],
      [{ amount: "5,00,00,000.01", description: "x" }, "amount", /at most ₹5,00,00,000/],
      [{ amount: "abc", description: "x" }, "amount", /number/i],
      [{ description: "x" }, "amount", /product or type an amount/],
      [{ amount: "100" }, "description", /what the payment is for/],
      [{ productId: w.product.id, expiresInDays: "0" }, "expiresInDays", /at least a day/],
      [{ productId: w.product.id, expiresInDays: "365" }, "expiresInDays", /at most 90 days/],
    ];
    for (const [input, field, message] of cases) {
      const errors = await fieldErrors(agent.paymentLink.create({ contactId: w.contact.id, ...input } as never));
      expect(errors[field], JSON.stringify(input)).toMatch(message);
    }
    expect(await counts(w.organizationId)).toEqual(before);
  });

  test("an archived product, or a message the chat refuses, makes no link", async () => {
    const w = await world();
    const agent = await w.as(w.agent);
    await prisma.product.update({ where: { id: w.product.id }, data: { active: false } });
    expect((await fieldErrors(agent.paymentLink.create({ contactId: w.contact.id, productId: w.product.id }))).productId).toMatch(/archived/);
    // WhatsApp's window closed: the message is refused, and with it the link.
    await prisma.product.update({ where: { id: w.product.id }, data: { active: true } });
    await prisma.conversation.update({ where: { id: w.conversation.id }, data: { lastInboundAt: new Date(Date.now() - 30 * 3_600_000) } });
    const before = await counts(w.organizationId);
    await expect(agent.paymentLink.create({ contactId: w.contact.id, productId: w.product.id, sendInConversationId: w.conversation.id })).rejects.toThrow(/24-hour|window/i);
    expect(await counts(w.organizationId)).toEqual(before);
  });

  test("agents charge their own and unassigned contacts, viewers nobody; another organization's contact is NOT_FOUND", async () => {
    const w = await world();
    await expectTRPCError((await w.as(w.otherAgent)).paymentLink.create({ contactId: w.contact.id, productId: w.product.id }), "FORBIDDEN", /yours or unassigned/);
    await expectTRPCError((await w.as(w.viewer)).paymentLink.create({ contactId: w.contact.id, productId: w.product.id }), "FORBIDDEN");
    expect((await (await w.as(w.manager)).paymentLink.create({ contactId: w.contact.id, productId: w.product.id })).id).toBeTruthy();
    const theirs = await createContact(prisma, { organizationId: w.b.organization.id });
    const bOwner = await w.as(w.b.owner, w.b.organization.id);
    await expectTRPCError(bOwner.paymentLink.create({ contactId: w.contact.id, amount: "100", description: "x" }), "NOT_FOUND");
    await expectTRPCError(bOwner.paymentLink.forContact({ contactId: w.contact.id }), "NOT_FOUND");
    // Their product named for our contact: refused as not found.
    const theirProduct = await createProduct(prisma, { organizationId: w.b.organization.id, name: "Theirs", pricePaise: 100_00n });
    expect((await fieldErrors((await w.as(w.agent)).paymentLink.create({ contactId: w.contact.id, productId: theirProduct.id }))).productId).toMatch(/doesn't exist/);
    void theirs;
  });
});

describe("managing a link", () => {
  test("cancelling an unpaid link cancels it at the provider and here; the customer is told; another organization cannot", async () => {
    const w = await world();
    const agent = await w.as(w.agent);
    const created = await agent.paymentLink.create({ contactId: w.contact.id, productId: w.product.id });
    await runQueuedJobs(["payment_links_create"]);
    const bOwner = await w.as(w.b.owner, w.b.organization.id);
    await expectTRPCError(bOwner.paymentLink.cancel({ id: created.id }), "NOT_FOUND");
    await expectTRPCError(bOwner.paymentLink.resend({ id: created.id, conversationId: w.conversation.id }), "NOT_FOUND");
    expect(await prisma.paymentLink.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({ status: "CREATED" });
    expect(await agent.paymentLink.cancel({ id: created.id })).toMatchObject({ status: "CANCELLED" });
    await expectTRPCError(agent.paymentLink.cancel({ id: created.id }), "CONFLICT", /only an unpaid link/);
    const link = await prisma.paymentLink.findUniqueOrThrow({ where: { id: created.id } });
    const page = await get(linkLoader, `http://localhost:3000/p/${link.code}`, { code: link.code });
    expect(page.status).toBe(410);
    expect(await page.text()).toContain("cancelled");
  });

  test("sending again puts the same link in the chat once more", async () => {
    const w = await world();
    const agent = await w.as(w.agent);
    const created = await agent.paymentLink.create({ contactId: w.contact.id, productId: w.product.id, sendInConversationId: w.conversation.id });
    await agent.paymentLink.resend({ id: created.id, conversationId: w.conversation.id });
    const bodies = (await prisma.message.findMany({ where: { conversationId: w.conversation.id } })).map((message) => message.body);
    expect(bodies).toEqual([bodies[0], bodies[0]]);
    expect(bodies[0]).toContain(created.url);
  });
});

describe("the customer's side, in the sandbox", () => {
  test("opens are counted (link previews are not), the first goes on the timeline, and the customer goes on to the checkout", async () => {
    const w = await world();
    const created = await (await w.as(w.agent)).paymentLink.create({ contactId: w.contact.id, productId: w.product.id });
    const { code } = await prisma.paymentLink.findUniqueOrThrow({ where: { id: created.id } });
    // Before the provider job ran: the open makes the checkout itself.
    const first = await get(linkLoader, `http://localhost:3000/p/${code}`, { code }, { "User-Agent": "Mozilla/5.0 (Linux; Android 14)" });
    expect(first.status).toBe(302);
    expect(first.headers.get("Location")).toMatch(/\/sandbox\/checkout\/plink_/);
    await openPaymentLink(prisma, { code, userAgent: "WhatsApp/2.23.20.0 A" });
    await openPaymentLink(prisma, { code, userAgent: "Mozilla/5.0 (iPhone)" });
    const link = await prisma.paymentLink.findUniqueOrThrow({ where: { id: created.id } });
    expect(link).toMatchObject({ openCount: 2, status: "OPENED" });
    expect(await prisma.contactEvent.count({ where: { contactId: w.contact.id, type: "PAYMENT_LINK_OPENED" } })).toBe(1);
    // The job finds the checkout already made.
    await runQueuedJobs(["payment_links_create"]);
    expect(await prisma.sandboxOutbox.count({ where: { organizationId: w.organizationId, channel: "PAYMENT" } })).toBe(1);
  });

  test("paying in the sandbox checkout sends signed webhooks through our endpoint: the contact is converted, counted and the owner told", async () => {
    const w = await world();
    const created = await (await w.as(w.agent)).paymentLink.create({ contactId: w.contact.id, productId: w.product.id });
    await runQueuedJobs(["payment_links_create"]);
    const link = await prisma.paymentLink.findUniqueOrThrow({ where: { id: created.id } });
    const externalId = link.providerLinkId!;
    const page = await get(checkoutLoader, `http://localhost:3000/sandbox/checkout/${externalId}`, { externalId });
    expect(await page.json()).toMatchObject({ amountPaise: "499900", description: "BankNifty Scalper Pro", status: "created" });
    // A failed attempt first.
    const fail = await routeAnswer(checkoutAction, new Request(`http://localhost:3000/sandbox/checkout/${externalId}`, { method: "POST", body: new URLSearchParams({ pay: "fail" }) }), { externalId });
    expect(fail.status).toBe(402);
    const paid = await routeAnswer(checkoutAction, new Request(`http://localhost:3000/sandbox/checkout/${externalId}`, { method: "POST", body: new URLSearchParams({ pay: "upi" }) }), { externalId });
    expect(paid.status).toBe(302);
    const back = new URL(paid.headers.get("Location")!);
    expect(back.pathname).toBe(`/p/${link.code}`);
    // The signed callback shows the receipt at once, before the webhooks are applied.
    const receipt = await get(linkLoader, back.toString(), { code: link.code });
    expect(await receipt.json()).toMatchObject({ state: "thanks" });
    const tampered = new URL(back);
    tampered.searchParams.set("razorpay_payment_link_status", "paid");
    tampered.searchParams.set("razorpay_payment_id", "pay_forged1234567");
    const forged = await get(linkLoader, tampered.toString(), { code: link.code });
    expect(forged.status).toBe(302);

    expect(await prisma.webhookEvent.count({ where: { organizationId: w.organizationId, provider: "razorpay" } })).toBeGreaterThanOrEqual(3);
    await runQueuedJobs(["payments_apply_events"]);
    const contact = await prisma.contact.findUniqueOrThrow({ where: { id: w.contact.id } });
    expect(contact).toMatchObject({ stage: "CONVERTED", amountSpentPaise: 499_900n });
    expect(await prisma.paymentLink.findUniqueOrThrow({ where: { id: link.id } })).toMatchObject({ status: "PAID", amountPaidPaise: 499_900n });
    expect(await prisma.notification.findFirst({ where: { userId: w.agent.id, kind: "PAYMENT_RECEIVED" } })).toMatchObject({ title: "₹4,999.00 received from Priya Sharma" });
    const payments = await prisma.payment.findMany({ where: { organizationId: w.organizationId }, orderBy: { createdAt: "asc" } });
    expect(payments.map((payment) => payment.status).sort()).toEqual(["CAPTURED", "FAILED"]);
    // Paid: the link shows its receipt now, and the checkout has nothing more to take.
    const after = await get(linkLoader, `http://localhost:3000/p/${link.code}`, { code: link.code });
    expect(await after.json()).toMatchObject({ state: "paid" });
  });

  test("a checkout address that is not a sandbox link of ours is a 404", async () => {
    const missing = await get(checkoutLoader, "http://localhost:3000/sandbox/checkout/plink_nothere", { externalId: "plink_nothere" });
    expect(missing.status).toBe(404);
  });
});
