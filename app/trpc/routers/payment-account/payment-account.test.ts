// The payment account through its procedures, against the real database and a local fake of Razorpay's
// API: secrets are sealed and never answered, bad input and keys Razorpay refuses change nothing, a
// rotation keeps the previous webhook secret accepted until previousSecretUntil (checked through the
// webhook's handler), only owners and admins change anything, and each organization sees and changes
// only its own account.
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeEach, describe, expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { setClock } from "~/utils/clock";
import { expectTRPCError } from "~/testing/caller";
import { newPaymentStory, signedRazorpayPost, storyEvent } from "~/testing/razorpay-events";
import { toActionFailure } from "~/trpc/caller.server";
import { contactWorld } from "~/trpc/routers/contact/contact-test-world";
import { acceptedWebhookSecrets, paymentAccountSecrets } from "~/models/payment-account.server";
import { startFakeRazorpay } from "~/providers/testing/fake-razorpay-server";
import { handleRazorpayWebhook } from "~/web/razorpay-webhook.server";

const KEY_ID = "rzp_test_Lk7Qw2Er9Ty3Ui";
const KEY_SECRET = "Xb3Vn8Mq2Lp7Rt5Wz1Yc4Hd";
const WEBHOOK_SECRET = "whsec-leadlane-first-2026";
const NEXT_WEBHOOK_SECRET = "whsec-leadlane-second-2026";

// The procedures reach Razorpay at RAZORPAY_API_BASE_URL (read when the environment is first parsed).
const razorpay = await startFakeRazorpay({ keyId: KEY_ID, keySecret: KEY_SECRET });
process.env.RAZORPAY_API_BASE_URL = razorpay.url;

afterAll(() => razorpay.close());

const T0 = new Date("2026-12-05T10:00:00.000Z");
let restoreClock: () => void = () => {};
beforeEach(() => {
  restoreClock = setClock(T0);
  razorpay.reset();
});
afterEach(() => restoreClock());

const HOUR = 3_600_000;

function accountRow(organizationId: string) {
  return prisma.paymentAccount.findUnique({ where: { organizationId } });
}

async function refusedFields(call: Promise<unknown>, code: "BAD_REQUEST" | "CONFLICT" = "BAD_REQUEST") {
  return toActionFailure(await expectTRPCError(call, code)).fieldErrors;
}

/** A Razorpay post through the webhook's handler (all its route does), signed with `secret`. */
async function postWebhook(accountId: string, secret: string): Promise<number> {
  const signed = signedRazorpayPost(storyEvent(newPaymentStory(randomUUID(), 499_900), "payment.authorized"), secret);
  const request = new Request(`http://localhost:3000/webhooks/razorpay/${accountId}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Razorpay-Signature": signed.signature, "X-Razorpay-Event-Id": signed.eventId },
    body: signed.raw,
  });
  return (await handleRazorpayWebhook(request, accountId)).status;
}

function expectNoSecrets(value: unknown, secrets: string[]) {
  const text = JSON.stringify(value);
  for (const secret of secrets) expect(text, `answered ${secret}`).not.toContain(secret);
}

const connectInput = { keyId: KEY_ID, keySecret: KEY_SECRET, webhookSecret: WEBHOOK_SECRET };

describe("reading the account", () => {
  test("an owner's first look makes a sandbox account; its secrets are sealed and never answered", async () => {
    const w = await contactWorld();
    const owner = await w.as(w.owner);
    expect(await accountRow(w.organizationId)).toBeNull();
    const view = await owner.paymentAccount.get();
    const row = (await accountRow(w.organizationId))!;
    expect(view).toEqual({
      id: row.id,
      provider: "SANDBOX",
      keyId: null,
      mode: "SANDBOX",
      churnOnFullRefund: false,
      savedSecrets: { keySecret: false, webhookSecret: true },
      previousSecretUntil: null,
      updatedAt: row.updatedAt,
    });
    const [sandboxSecret] = paymentAccountSecrets(row).webhookSecrets;
    expect(row.secrets).not.toContain(sandboxSecret);
    expectNoSecrets(view, [sandboxSecret!, row.secrets]);
    // The same account every time.
    expect((await (await w.as(w.admin)).paymentAccount.get()).id).toBe(row.id);
  });
});

describe("connecting Razorpay", () => {
  test("keys Razorpay accepts are saved sealed, shown as test mode with the key id only", async () => {
    const w = await contactWorld();
    const owner = await w.as(w.owner);
    const sandbox = await owner.paymentAccount.get();
    const sandboxSecret = paymentAccountSecrets((await accountRow(w.organizationId))!).webhookSecrets[0]!;

    const view = await owner.paymentAccount.connect(connectInput);
    expect(view).toMatchObject({
      id: sandbox.id,
      provider: "RAZORPAY",
      keyId: KEY_ID,
      mode: "RAZORPAY_TEST",
      savedSecrets: { keySecret: true, webhookSecret: true },
      // The sandbox's own secret is replaced; like any replaced webhook secret it lasts a day.
      previousSecretUntil: new Date(T0.getTime() + 24 * HOUR),
    });
    // Razorpay was asked once, with these keys, about an order that does not exist.
    expect(razorpay.requests.map((request) => `${request.method} ${request.path}`)).toEqual(["GET /v1/orders/order_LeadlaneKeyCheck"]);

    const row = (await accountRow(w.organizationId))!;
    for (const secret of [KEY_SECRET, WEBHOOK_SECRET]) expect(row.secrets).not.toContain(secret);
    expect(paymentAccountSecrets(row)).toEqual({ keySecret: KEY_SECRET, webhookSecrets: [WEBHOOK_SECRET, sandboxSecret] });
    expectNoSecrets(view, [KEY_SECRET, WEBHOOK_SECRET, sandboxSecret, row.secrets]);
    expectNoSecrets(await owner.paymentAccount.get(), [KEY_SECRET, WEBHOOK_SECRET, sandboxSecret, row.secrets]);

    // Razorpay's posts signed with the secret now land.
    expect(await postWebhook(row.id, WEBHOOK_SECRET)).toBe(200);
    // A live key says so; saved unchecked when asked, without a word to Razorpay.
    const skipped = await owner.paymentAccount.connect({ ...connectInput, keyId: "rzp_live_Ab12Cd34Ef56Gh", skipKeyCheck: true });
    expect(skipped).toMatchObject({ mode: "RAZORPAY_LIVE", keyId: "rzp_live_Ab12Cd34Ef56Gh" });
    expect(razorpay.requests).toHaveLength(1);
  });

  test("a malformed key id or an empty secret is a field error and changes no row", async () => {
    const w = await contactWorld();
    const admin = await w.as(w.admin);
    await admin.paymentAccount.get();
    const before = await accountRow(w.organizationId);

    expect(await refusedFields(admin.paymentAccount.connect({ ...connectInput, keyId: "rzp_prod_Lk7Qw2Er9Ty3Ui" }))).toEqual({
      keyId: "A key id is rzp_live_ or rzp_test_ followed by 14 letters and digits (Razorpay Dashboard › Account & Settings › API Keys)",
    });
    expect(await refusedFields(admin.paymentAccount.connect({ ...connectInput, keyId: "rzp_test_short" }))).toHaveProperty("keyId");
    expect(await refusedFields(admin.paymentAccount.connect({ ...connectInput, keySecret: "  " }))).toEqual({ keySecret: "Enter the key secret" });
    expect(await refusedFields(admin.paymentAccount.connect({ ...connectInput, webhookSecret: "" }))).toEqual({ webhookSecret: "Enter the webhook secret" });
    expect(await refusedFields(admin.paymentAccount.connect({ ...connectInput, webhookSecret: "short" }))).toEqual({
      webhookSecret: "Use at least 8 characters (a long random secret is safest)",
    });
    expect(razorpay.requests).toHaveLength(0);
    expect(await accountRow(w.organizationId)).toEqual(before);
  });

  test("keys Razorpay refuses are a field error on the key it names, and nothing is saved", async () => {
    const w = await contactWorld();
    const owner = await w.as(w.owner);
    await owner.paymentAccount.get();
    const before = await accountRow(w.organizationId);

    expect(await refusedFields(owner.paymentAccount.connect({ ...connectInput, keySecret: "WrongSecretWrongSecret12" }))).toEqual({
      keySecret: "Razorpay refused this key secret for the key id: copy both again from the Razorpay Dashboard (Account & Settings › API Keys).",
    });
    expect(await refusedFields(owner.paymentAccount.connect({ ...connectInput, keyId: "rzp_test_Zz9Zz9Zz9Zz9Zz" }))).toEqual({
      keyId: "Razorpay doesn't know this key id: copy it again from the Razorpay Dashboard (Account & Settings › API Keys).",
    });
    // Razorpay out of reach: refused as a whole, nothing saved.
    razorpay.failNext({ status: 503 });
    const unreachable = await expectTRPCError(owner.paymentAccount.connect(connectInput), "BAD_GATEWAY");
    expect(unreachable.message).toMatch(/could not be reached to check the keys\. Nothing was saved/);
    expect(razorpay.requests).toHaveLength(3);
    expect(await accountRow(w.organizationId)).toEqual(before);
  });
});

describe("the webhook secret", () => {
  test("rotating keeps the previous secret accepted until previousSecretUntil (24 hours), refused after", async () => {
    const w = await contactWorld();
    const owner = await w.as(w.owner);
    const { id: accountId } = await owner.paymentAccount.connect(connectInput);
    // A day later the sandbox's secret is gone.
    restoreClock();
    restoreClock = setClock(new Date(T0.getTime() + 25 * HOUR));
    expect((await owner.paymentAccount.get()).previousSecretUntil).toBeNull();

    const rotatedAt = new Date(T0.getTime() + 30 * HOUR);
    restoreClock();
    restoreClock = setClock(rotatedAt);
    const view = await owner.paymentAccount.rotateWebhookSecret({ webhookSecret: NEXT_WEBHOOK_SECRET });
    const until = new Date(rotatedAt.getTime() + 24 * HOUR);
    expect(view.previousSecretUntil).toEqual(until);
    const row = (await accountRow(w.organizationId))!;
    expect(row.previousSecretUntil).toEqual(until);
    expect(paymentAccountSecrets(row)).toEqual({ keySecret: KEY_SECRET, webhookSecrets: [NEXT_WEBHOOK_SECRET, WEBHOOK_SECRET] });
    expect(row.secrets).not.toContain(NEXT_WEBHOOK_SECRET);
    expectNoSecrets(view, [NEXT_WEBHOOK_SECRET, WEBHOOK_SECRET, KEY_SECRET]);

    // Both work during the rotation…
    expect(await postWebhook(accountId, WEBHOOK_SECRET)).toBe(200);
    expect(await postWebhook(accountId, NEXT_WEBHOOK_SECRET)).toBe(200);
    restoreClock();
    restoreClock = setClock(new Date(until.getTime() - 1));
    expect(await postWebhook(accountId, WEBHOOK_SECRET)).toBe(200);
    // …and from previousSecretUntil on, only the new one.
    restoreClock();
    restoreClock = setClock(until);
    expect(await postWebhook(accountId, WEBHOOK_SECRET)).toBe(400);
    expect(await postWebhook(accountId, NEXT_WEBHOOK_SECRET)).toBe(200);
    expect((await owner.paymentAccount.get()).previousSecretUntil).toBeNull();
  });

  test("the current secret again, or a rotation on the sandbox, is a field error and changes nothing", async () => {
    const w = await contactWorld();
    const owner = await w.as(w.owner);
    await owner.paymentAccount.get();
    const sandboxRow = await accountRow(w.organizationId);
    expect(await refusedFields(owner.paymentAccount.rotateWebhookSecret({ webhookSecret: NEXT_WEBHOOK_SECRET }))).toEqual({
      webhookSecret: "The sandbox keeps its own webhook secret: connect Razorpay first.",
    });
    expect(await accountRow(w.organizationId)).toEqual(sandboxRow);

    await owner.paymentAccount.connect(connectInput);
    const before = await accountRow(w.organizationId);
    expect(await refusedFields(owner.paymentAccount.rotateWebhookSecret({ webhookSecret: WEBHOOK_SECRET }))).toEqual({
      webhookSecret: "That is the current webhook secret already: enter the new one you set in Razorpay.",
    });
    expect(await refusedFields(owner.paymentAccount.rotateWebhookSecret({ webhookSecret: "" }))).toEqual({ webhookSecret: "Enter the webhook secret" });
    expect(await accountRow(w.organizationId)).toEqual(before);
  });

  test("back to the sandbox: the keys are forgotten, a new sandbox secret signs, Razorpay's lasts a day", async () => {
    const w = await contactWorld();
    const owner = await w.as(w.owner);
    const { id: accountId } = await owner.paymentAccount.connect(connectInput);
    const switchedAt = new Date(T0.getTime() + 2 * HOUR);
    restoreClock();
    restoreClock = setClock(switchedAt);

    const { account, changed } = await owner.paymentAccount.useSandbox();
    expect(changed).toBe(true);
    expect(account).toMatchObject({ provider: "SANDBOX", keyId: null, mode: "SANDBOX", savedSecrets: { keySecret: false, webhookSecret: true } });
    expect(account.previousSecretUntil).toEqual(new Date(switchedAt.getTime() + 24 * HOUR));
    const row = (await accountRow(w.organizationId))!;
    const secrets = paymentAccountSecrets(row);
    expect(secrets.keySecret).toBeUndefined();
    expect(secrets.webhookSecrets).toHaveLength(2);
    expect(secrets.webhookSecrets[0]).not.toBe(WEBHOOK_SECRET);
    expect(secrets.webhookSecrets[1]).toBe(WEBHOOK_SECRET);
    expect(acceptedWebhookSecrets(row, switchedAt)).toEqual(secrets.webhookSecrets);
    expectNoSecrets(account, [KEY_SECRET, ...secrets.webhookSecrets]);
    expect(await postWebhook(accountId, secrets.webhookSecrets[0]!)).toBe(200);
    expect(await postWebhook(accountId, WEBHOOK_SECRET)).toBe(200);

    // Again: nothing to do, nothing written.
    const again = await owner.paymentAccount.useSandbox();
    expect(again.changed).toBe(false);
    expect(await accountRow(w.organizationId)).toEqual(row);
  });
});

describe("the refund option", () => {
  test("an admin turns 'a full refund moves the contact to Churned' on and off", async () => {
    const w = await contactWorld();
    const admin = await w.as(w.admin);
    expect((await admin.paymentAccount.setChurnOnFullRefund({ churnOnFullRefund: true })).churnOnFullRefund).toBe(true);
    expect((await accountRow(w.organizationId))!.churnOnFullRefund).toBe(true);
    expect((await admin.paymentAccount.setChurnOnFullRefund({ churnOnFullRefund: false })).churnOnFullRefund).toBe(false);
    expect((await accountRow(w.organizationId))!.churnOnFullRefund).toBe(false);
  });
});

describe("who may", () => {
  test("managers, agents and viewers can neither see nor change the account", async () => {
    const w = await contactWorld();
    await (await w.as(w.owner)).paymentAccount.connect(connectInput);
    const before = await accountRow(w.organizationId);
    razorpay.reset();
    for (const user of [w.manager, w.agent, w.viewer]) {
      const caller = await w.as(user);
      const refusals = [
        caller.paymentAccount.get(),
        caller.paymentAccount.connect({ ...connectInput, webhookSecret: NEXT_WEBHOOK_SECRET }),
        caller.paymentAccount.rotateWebhookSecret({ webhookSecret: NEXT_WEBHOOK_SECRET }),
        caller.paymentAccount.useSandbox(),
        caller.paymentAccount.setChurnOnFullRefund({ churnOnFullRefund: true }),
      ];
      for (const call of refusals) {
        const error = await expectTRPCError(call, "FORBIDDEN", "Only owners and admins can see and change the payment account.");
        expectNoSecrets(error, [KEY_ID, before!.id]);
      }
    }
    expect(razorpay.requests).toHaveLength(0);
    expect(await accountRow(w.organizationId)).toEqual(before);
  });
});

describe("tenancy", () => {
  test("each organization sees and changes only its own account", async () => {
    const w = await contactWorld();
    const ownerB = await w.as(w.b.owner, w.b.organization.id);
    await ownerB.paymentAccount.connect({ ...connectInput, webhookSecret: "whsec-organization-b-only" });
    await ownerB.paymentAccount.setChurnOnFullRefund({ churnOnFullRefund: true });
    const theirs = (await accountRow(w.b.organization.id))!;

    // A's owner, and someone of A who is also B's agent, working in A.
    const both = await w.as(w.bAgent, w.b.organization.id);
    await prisma.membership.create({ data: { organizationId: w.organizationId, userId: w.bAgent.id, role: "OWNER" } });
    for (const caller of [await w.as(w.owner), await w.as(w.bAgent, w.organizationId)]) {
      const ours = await caller.paymentAccount.get();
      expect(ours.id).not.toBe(theirs.id);
      expect(ours).toMatchObject({ provider: expect.any(String), churnOnFullRefund: false });
      expectNoSecrets(ours, [theirs.id, "whsec-organization-b-only"]);
      await caller.paymentAccount.connect({ ...connectInput, webhookSecret: "whsec-organization-a-only" });
      await caller.paymentAccount.rotateWebhookSecret({ webhookSecret: `whsec-a-rotated-${randomUUID()}` });
      await caller.paymentAccount.setChurnOnFullRefund({ churnOnFullRefund: false });
      await caller.paymentAccount.useSandbox();
    }
    // B's agent, working in B, is refused as any agent is.
    await expectTRPCError(both.paymentAccount.get(), "FORBIDDEN");
    expect(await accountRow(w.b.organization.id)).toEqual(theirs);
    expect(await postWebhook(theirs.id, "whsec-organization-b-only")).toBe(200);
    expect(await postWebhook(theirs.id, "whsec-organization-a-only")).toBe(400);
  });
});
