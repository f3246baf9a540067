// /settings/payments over real form posts (what a browser without JavaScript sends), and the page as
// the server renders it: secrets never reach the page, refused posts come back with field errors and
// change no row, only owners and admins change anything, and another organization's account never shows.
import { randomUUID } from "node:crypto";
import { createElement, Fragment } from "react";
import { createRequestHandler } from "@remix-run/node";
import { Outlet, Scripts } from "@remix-run/react";
import { afterAll, beforeEach, describe, expect, test } from "vitest";
import * as entryServer from "~/entry.server";
import { prisma } from "~/utils/db.server";
import { signInCookie } from "~/testing/caller";
import { getRequest, postRequest, routeAnswer } from "~/testing/route-requests";
import { testServerBuild } from "~/testing/server-build";
import { HANDLED_RAZORPAY_EVENTS } from "~/domain/payment/razorpay-event";
import { paymentAccountSecrets } from "~/models/payment-account.server";
import { startFakeRazorpay } from "~/providers/testing/fake-razorpay-server";
import { addMember, createOrganization } from "../../prisma/factories";
import { setClock } from "~/utils/clock";
import { newPaymentStory, signedRazorpayPost, storyEvent } from "~/testing/razorpay-events";
import * as paymentsPage from "./_app.settings.payments";
import { action as razorpayWebhook } from "./webhooks.razorpay.$accountId";

const { action, loader } = paymentsPage;

const KEY_ID = "rzp_test_Pq4Rs5Tu6Vw7Xy";
const KEY_SECRET = "Hk2Jm4Np6Qr8St0Uv2Wx4Yz";
const WEBHOOK_SECRET = "whsec-page-test-webhook-secret";

const razorpay = await startFakeRazorpay({ keyId: KEY_ID, keySecret: KEY_SECRET });
process.env.RAZORPAY_API_BASE_URL = razorpay.url;
afterAll(() => razorpay.close());
beforeEach(() => razorpay.reset());

const HERE = "/settings/payments";

async function team() {
  const { organization, owner } = await createOrganization(prisma);
  const admin = await addMember(prisma, { organizationId: organization.id, role: "ADMIN" });
  const agent = await addMember(prisma, { organizationId: organization.id, role: "AGENT" });
  const manager = await addMember(prisma, { organizationId: organization.id, role: "MANAGER" });
  const cookie = await signInCookie(owner, { organizationId: organization.id });
  return { organization, owner, admin, agent, manager, cookie };
}

function accountRow(organizationId: string) {
  return prisma.paymentAccount.findUnique({ where: { organizationId } });
}

// The page through Remix's own request handler and the real entry.server, under a root that renders
// only the page and the scripts carrying its loader data: the HTML a browser gets.
const root = { default: () => createElement(Fragment, null, createElement(Outlet), createElement(Scripts)) };
const entry = { ...entryServer, default: entryServer.default as (...args: Parameters<typeof entryServer.default>) => Promise<Response> };
const build = testServerBuild({ "routes/_app.settings.payments": { path: "settings/payments", module: paymentsPage } }, entry, { root });
const renderPage = createRequestHandler(build, "production");

async function pageHtml(cookie: string): Promise<string> {
  const response = await renderPage(getRequest(HERE, cookie));
  expect(response.status).toBe(200);
  return response.text();
}

/** A Razorpay post through the webhook route, signed with `secret`: its status. */
async function postWebhook(accountId: string, secret: string): Promise<number> {
  const signed = signedRazorpayPost(storyEvent(newPaymentStory(randomUUID(), 499_900), "payment.authorized"), secret);
  const request = new Request(`http://localhost:3000/webhooks/razorpay/${accountId}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Razorpay-Signature": signed.signature, "X-Razorpay-Event-Id": signed.eventId },
    body: signed.raw,
  });
  return ((await razorpayWebhook({ request, params: { accountId }, context: {} })) as Response).status;
}

const connectForm = { intent: "connect", keyId: KEY_ID, keySecret: KEY_SECRET, webhookSecret: WEBHOOK_SECRET };

describe("/settings/payments", () => {
  test("the sandbox page shows the mode, the webhook URL to paste and the events to enable; no secret", async () => {
    const a = await team();
    const html = await pageHtml(a.cookie);
    const row = (await accountRow(a.organization.id))!;
    const [sandboxSecret] = paymentAccountSecrets(row).webhookSecrets;
    expect(html).toContain("Sandbox (no real money moves)");
    expect(html).toContain(`http://localhost:3000/webhooks/razorpay/${row.id}`);
    for (const event of HANDLED_RAZORPAY_EVENTS) expect(html).toContain(`<code class="break-all text-xs">${event}</code>`);
    expect(html).toContain("Saved (made by Leadlane for the sandbox)");
    expect(html).not.toContain(sandboxSecret);
    expect(html).not.toContain(row.secrets);
    // Rotation and switching back only make sense once Razorpay is connected.
    expect(html).not.toContain("Rotate the secret");
    expect(html).not.toContain("Switch to the sandbox");
  });

  test("connecting by form post: saved, and the page shows test mode and the key id, never the secrets", async () => {
    const a = await team();
    const answer = await routeAnswer(action, postRequest(HERE, a.cookie, connectForm));
    expect(answer.status).toBe(302);
    expect(answer.headers.get("Location")).toBe(HERE);
    const row = (await accountRow(a.organization.id))!;
    expect(row).toMatchObject({ provider: "RAZORPAY", keyId: KEY_ID });
    expect(paymentAccountSecrets(row)).toMatchObject({ keySecret: KEY_SECRET, webhookSecrets: [WEBHOOK_SECRET, expect.any(String)] });

    const html = await pageHtml(a.cookie);
    expect(html).toContain("Razorpay, test mode");
    expect(html).toContain(KEY_ID);
    expect(html).toContain("Rotate the secret");
    for (const secret of [KEY_SECRET, WEBHOOK_SECRET, ...paymentAccountSecrets(row).webhookSecrets, row.secrets]) expect(html).not.toContain(secret);
    const data = await (await routeAnswer(loader, getRequest(HERE, a.cookie))).text();
    for (const secret of [KEY_SECRET, WEBHOOK_SECRET, row.secrets]) expect(data).not.toContain(secret);
  });

  test("a bad key id and an empty secret come back on their fields with status 400; no row changes, nothing echoed", async () => {
    const a = await team();
    await pageHtml(a.cookie);
    const before = await accountRow(a.organization.id);
    const answer = await routeAnswer(action, postRequest(HERE, a.cookie, { ...connectForm, keyId: "rzp_test_123", keySecret: "" }));
    expect(answer.status).toBe(400);
    const text = await answer.text();
    expect(text).not.toContain(WEBHOOK_SECRET);
    const reply = JSON.parse(text) as { error: Record<string, string[]>; initialValue: Record<string, unknown> };
    expect(reply.error).toMatchObject({
      keyId: ["A key id is rzp_live_ or rzp_test_ followed by 14 letters and digits (Razorpay Dashboard › Account & Settings › API Keys)"],
      keySecret: ["Enter the key secret"],
    });
    // What was typed that is not a secret comes back, so the form keeps it; and it knows which form it was.
    expect(reply.initialValue).toMatchObject({ intent: "connect", keyId: "rzp_test_123" });
    expect(razorpay.requests).toHaveLength(0);
    expect(await accountRow(a.organization.id)).toEqual(before);
  });

  test("keys Razorpay refuses come back on the key secret's field; nothing is saved or echoed", async () => {
    const a = await team();
    await pageHtml(a.cookie);
    const before = await accountRow(a.organization.id);
    const answer = await routeAnswer(action, postRequest(HERE, a.cookie, { ...connectForm, keySecret: "NotTheSecretNotTheSecret" }));
    expect(answer.status).toBe(400);
    const text = await answer.text();
    expect(text).not.toContain("NotTheSecretNotTheSecret");
    expect(text).not.toContain(WEBHOOK_SECRET);
    expect((JSON.parse(text) as { error: Record<string, string[]> }).error.keySecret).toEqual([
      "Razorpay refused this key secret for the key id: copy both again from the Razorpay Dashboard (Account & Settings › API Keys).",
    ]);
    expect(razorpay.requests).toHaveLength(1);
    expect(await accountRow(a.organization.id)).toEqual(before);
  });

  test("rotating, the refund option and switching back, by form post", async () => {
    const a = await team();
    await routeAnswer(action, postRequest(HERE, a.cookie, connectForm));

    const rotated = await routeAnswer(action, postRequest(HERE, a.cookie, { intent: "rotate", webhookSecret: "whsec-page-test-rotated-one" }));
    expect(rotated.status).toBe(302);
    const row = (await accountRow(a.organization.id))!;
    expect(paymentAccountSecrets(row).webhookSecrets).toEqual(["whsec-page-test-rotated-one", WEBHOOK_SECRET]);
    const html = await pageHtml(a.cookie);
    expect(html).toMatch(/Still accepted until \d{1,2} \w{3} \d{4}, \d{1,2}:\d{2} [ap]m IST/);
    expect(html).not.toContain("whsec-page-test-rotated-one");

    const same = await routeAnswer(action, postRequest(HERE, a.cookie, { intent: "rotate", webhookSecret: "whsec-page-test-rotated-one" }));
    expect(same.status).toBe(400);
    expect(await same.text()).not.toContain("whsec-page-test-rotated-one");
    expect(await accountRow(a.organization.id)).toEqual(row);

    expect((await routeAnswer(action, postRequest(HERE, a.cookie, { intent: "churn", churnOnFullRefund: "on" }))).status).toBe(302);
    expect((await accountRow(a.organization.id))!.churnOnFullRefund).toBe(true);
    expect(await pageHtml(a.cookie)).toMatch(/<input type="checkbox" name="churnOnFullRefund" class="mt-1" checked=""/);
    // An unticked box sends nothing: off.
    expect((await routeAnswer(action, postRequest(HERE, a.cookie, { intent: "churn" }))).status).toBe(302);
    expect((await accountRow(a.organization.id))!.churnOnFullRefund).toBe(false);

    expect((await routeAnswer(action, postRequest(HERE, a.cookie, { intent: "useSandbox" }))).status).toBe(302);
    expect(await accountRow(a.organization.id)).toMatchObject({ provider: "SANDBOX", keyId: null });
    expect(await pageHtml(a.cookie)).toContain("Sandbox (no real money moves)");
  });

  test("a rotation posted from the page: Razorpay's posts with the old secret land until previousSecretUntil, then are refused", async () => {
    const rotatedAt = new Date("2026-12-05T06:30:00.000Z");
    const restore = setClock(rotatedAt);
    try {
      const a = await team();
      await routeAnswer(action, postRequest(HERE, a.cookie, connectForm));
      await routeAnswer(action, postRequest(HERE, a.cookie, { intent: "rotate", webhookSecret: "whsec-page-test-rotated-two" }));
      const row = (await accountRow(a.organization.id))!;
      expect(row.previousSecretUntil).toEqual(new Date("2026-12-06T06:30:00.000Z"));
      // Shown in the organization's time zone.
      expect(await pageHtml(a.cookie)).toContain("Still accepted until 6 Dec 2026, 12:00 pm IST (for 24 hours after the change)");

      expect(await postWebhook(row.id, WEBHOOK_SECRET)).toBe(200);
      expect(await postWebhook(row.id, "whsec-page-test-rotated-two")).toBe(200);
      setClock(new Date("2026-12-06T06:29:59.999Z"));
      expect(await postWebhook(row.id, WEBHOOK_SECRET)).toBe(200);
      setClock(new Date("2026-12-06T06:30:00.000Z"));
      expect(await postWebhook(row.id, WEBHOOK_SECRET)).toBe(400);
      expect(await postWebhook(row.id, "whsec-page-test-rotated-two")).toBe(200);
      expect(await pageHtml(a.cookie)).not.toContain("Still accepted until");
    } finally {
      restore();
    }
  });

  test("agents and managers see no account and every post is 403 with no row changed; admins may", async () => {
    const a = await team();
    await routeAnswer(action, postRequest(HERE, a.cookie, connectForm));
    const before = await accountRow(a.organization.id);
    razorpay.reset();
    for (const member of [a.agent, a.manager]) {
      const cookie = await signInCookie(member.user, { organizationId: a.organization.id });
      const page = await routeAnswer(loader, getRequest(HERE, cookie));
      expect(await page.json()).toEqual({ account: null, webhookUrl: null, timeZone: "Asia/Kolkata" });
      const html = await pageHtml(cookie);
      expect(html).toContain("Only owners and admins can see and change the payment account.");
      expect(html).not.toContain(KEY_ID);
      expect(html).not.toContain(before!.id);
      const attempts: Array<Record<string, string>> = [
        { ...connectForm, keyId: "rzp_test_AgentTries0000", webhookSecret: "whsec-agent-attempt-000" },
        { intent: "rotate", webhookSecret: "whsec-agent-attempt-000" },
        { intent: "useSandbox" },
        { intent: "churn", churnOnFullRefund: "on" },
      ];
      for (const form of attempts) {
        const answer = await routeAnswer(action, postRequest(HERE, cookie, form));
        expect(answer.status, form.intent).toBe(403);
        const text = await answer.text();
        for (const leaked of [KEY_ID, before!.id, "whsec-agent-attempt-000"]) expect(text).not.toContain(leaked);
      }
    }
    expect(razorpay.requests).toHaveLength(0);
    expect(await accountRow(a.organization.id)).toEqual(before);

    const adminCookie = await signInCookie(a.admin.user, { organizationId: a.organization.id });
    expect((await routeAnswer(action, postRequest(HERE, adminCookie, { intent: "churn", churnOnFullRefund: "on" }))).status).toBe(302);
    expect((await accountRow(a.organization.id))!.churnOnFullRefund).toBe(true);
  });

  test("another organization's account never shows and is never changed", async () => {
    const a = await team();
    const b = await team();
    await routeAnswer(action, postRequest(HERE, b.cookie, { ...connectForm, webhookSecret: "whsec-organization-b-page" }));
    const theirs = (await accountRow(b.organization.id))!;

    const html = await pageHtml(a.cookie);
    expect(html).not.toContain(theirs.id);
    expect(html).not.toContain(KEY_ID);
    const forms: Array<Record<string, string>> = [
      connectForm,
      { intent: "rotate", webhookSecret: "whsec-a-rotates-its-own" },
      { intent: "churn", churnOnFullRefund: "on" },
      { intent: "useSandbox" },
    ];
    for (const form of forms) {
      expect((await routeAnswer(action, postRequest(HERE, a.cookie, form))).status).toBe(302);
    }
    expect(await accountRow(b.organization.id)).toEqual(theirs);
    expect((await accountRow(a.organization.id))!.id).not.toBe(theirs.id);
  });
});
