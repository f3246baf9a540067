// Settings › Payments without JavaScript, on a desktop and on a 360-px phone: an owner sees the sandbox,
// the webhook URL and the events to enable in Razorpay; a malformed key id and keys Razorpay refuses
// come back on their fields and save nothing; test keys are connected (checked against the e2e server's
// fake Razorpay API); Razorpay's posts signed with the webhook secret land; the secret is rotated and
// both secrets are accepted meanwhile; the refund option is turned on and off; the sandbox comes back.
import { createHmac, randomBytes } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { HANDLED_RAZORPAY_EVENTS } from "../app/domain/payment/razorpay-event";
import { E2E_RAZORPAY_KEY_ID, E2E_RAZORPAY_KEY_SECRET } from "./fake-razorpay-keys";
import { expect, test } from "./fixtures";
import { expectNothingWiderThanViewport } from "./viewport";

test.use({ javaScriptEnabled: false });

const WEBHOOK_SECRET = "whsec-e2e-first-secret-2026";
const NEXT_WEBHOOK_SECRET = "whsec-e2e-rotated-secret-2026";

/** A payment.authorized event, posted to `url` signed with `secret` the way Razorpay signs it: the answer's status. */
async function postRazorpayEvent(request: APIRequestContext, url: string, secret: string): Promise<number> {
  const now = Math.floor(Date.now() / 1000);
  const body = JSON.stringify({
    entity: "event",
    account_id: "acc_E2eAccount0001",
    event: "payment.authorized",
    contains: ["payment"],
    payload: { payment: { entity: { id: `pay_${randomBytes(7).toString("hex")}`, amount: 499_900, currency: "INR", status: "authorized", method: "upi", created_at: now } } },
    created_at: now,
  });
  const response = await request.post(url, {
    data: body,
    headers: {
      "Content-Type": "application/json",
      "X-Razorpay-Signature": createHmac("sha256", secret).update(body).digest("hex"),
      "X-Razorpay-Event-Id": `evt_${randomBytes(7).toString("hex")}`,
    },
  });
  return response.status();
}

test("an owner connects Razorpay test keys, rotates the webhook secret, sets the refund option and goes back to the sandbox", async ({ page, owner, appURL }) => {
  void owner;
  await page.goto("/settings");
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Payments" }).click();
  await expect(page).toHaveURL(/\/settings\/payments$/);

  const account = page.locator('dl[aria-label="Payment account"]');
  await expect(account).toContainText("Sandbox (no real money moves)");
  await expect(account).toContainText("Saved (made by Leadlane for the sandbox)");

  // The exact URL to paste into Razorpay, on this app's address, and every event to tick.
  const urlText = (await page.locator("code", { hasText: "/webhooks/razorpay/" }).textContent())!;
  expect(urlText).toMatch(new RegExp(`^${appURL.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/webhooks/razorpay/[0-9a-f-]{36}$`));
  await expect(page.getByRole("list", { name: "Events to enable in Razorpay" }).getByRole("listitem")).toHaveText([...HANDLED_RAZORPAY_EVENTS]);
  await expect(page.getByRole("button", { name: "Rotate the secret" })).toHaveCount(0);
  await expectNothingWiderThanViewport(page);

  // A malformed key id and an empty key secret: each field says why; still the sandbox.
  const connect = page.getByRole("form", { name: "Connect Razorpay" });
  await connect.getByLabel("Key id").fill("rzp_test_123");
  await connect.getByLabel("Webhook secret").fill(WEBHOOK_SECRET);
  await connect.getByRole("button", { name: "Connect Razorpay" }).click();
  await expect(connect.getByLabel("Key id")).toHaveAttribute("aria-invalid", "true");
  await expect(connect.getByText("A key id is rzp_live_ or rzp_test_ followed by 14 letters and digits")).toBeVisible();
  await expect(connect.getByLabel("Key secret")).toHaveAttribute("aria-invalid", "true");
  await expect(connect.getByText("Enter the key secret")).toBeVisible();
  await expect(connect.getByLabel("Key id")).toHaveValue("rzp_test_123");
  // The secret typed is not handed back.
  await expect(connect.getByLabel("Webhook secret")).toHaveValue("");
  expect(await page.content()).not.toContain(WEBHOOK_SECRET);
  await expect(account).toContainText("Sandbox (no real money moves)");
  await expectNothingWiderThanViewport(page);

  // Keys Razorpay refuses: on the key secret's field, nothing saved.
  await connect.getByLabel("Key id").fill(E2E_RAZORPAY_KEY_ID);
  await connect.getByLabel("Key secret").fill("NotTheRightSecretAtAll00");
  await connect.getByLabel("Webhook secret").fill(WEBHOOK_SECRET);
  await connect.getByRole("button", { name: "Connect Razorpay" }).click();
  await expect(connect.getByText("Razorpay refused this key secret for the key id")).toBeVisible();
  await expect(connect.getByLabel("Key secret")).toHaveAttribute("aria-invalid", "true");
  expect(await page.content()).not.toContain("NotTheRightSecretAtAll00");
  await expect(account).toContainText("Sandbox (no real money moves)");

  // The right test keys: connected, the key id shown, no secret anywhere in the page.
  await connect.getByLabel("Key secret").fill(E2E_RAZORPAY_KEY_SECRET);
  await connect.getByLabel("Webhook secret").fill(WEBHOOK_SECRET);
  await connect.getByRole("button", { name: "Connect Razorpay" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Razorpay connected: Razorpay, test mode, key ${E2E_RAZORPAY_KEY_ID}.` })).toBeVisible();
  await expect(account).toContainText("Razorpay, test mode");
  await expect(account).toContainText(E2E_RAZORPAY_KEY_ID);
  let html = await page.content();
  for (const secret of [E2E_RAZORPAY_KEY_SECRET, WEBHOOK_SECRET]) expect(html).not.toContain(secret);
  await expectNothingWiderThanViewport(page);

  expect(await postRazorpayEvent(page.request, urlText, WEBHOOK_SECRET)).toBe(200);
  expect(await postRazorpayEvent(page.request, urlText, NEXT_WEBHOOK_SECRET)).toBe(400);

  // Rotation: the new secret works at once, the old one until the time shown.
  const rotate = page.getByRole("form", { name: "Rotate the webhook secret" });
  await rotate.getByLabel("New webhook secret").fill(WEBHOOK_SECRET);
  await rotate.getByRole("button", { name: "Rotate the secret" }).click();
  await expect(rotate.getByText("That is the current webhook secret already")).toBeVisible();
  await rotate.getByLabel("New webhook secret").fill(NEXT_WEBHOOK_SECRET);
  await rotate.getByRole("button", { name: "Rotate the secret" }).click();
  await expect(page.getByRole("status").filter({ hasText: /New webhook secret saved\. The previous one is accepted until .+ IST\./ })).toBeVisible();
  await expect(account).toContainText(/Still accepted until \d{1,2} \w{3} \d{4}, \d{1,2}:\d{2} [ap]m IST \(for 24 hours after the change\)/);
  html = await page.content();
  for (const secret of [E2E_RAZORPAY_KEY_SECRET, WEBHOOK_SECRET, NEXT_WEBHOOK_SECRET]) expect(html).not.toContain(secret);
  expect(await postRazorpayEvent(page.request, urlText, NEXT_WEBHOOK_SECRET)).toBe(200);
  expect(await postRazorpayEvent(page.request, urlText, WEBHOOK_SECRET)).toBe(200);
  expect(await postRazorpayEvent(page.request, urlText, "whsec-nobody-knows-this")).toBe(400);
  await expectNothingWiderThanViewport(page);

  // The refund option, on and off.
  const refunds = page.getByRole("form", { name: "Refunds" });
  const churn = refunds.getByLabel("A full refund of a contact's only payment moves them to Churned");
  await expect(churn).not.toBeChecked();
  await churn.check();
  await refunds.getByRole("button", { name: "Save refund option" }).click();
  await expect(page.getByRole("status").filter({ hasText: "A full refund of a contact's only payment now moves them to Churned." })).toBeVisible();
  await expect(churn).toBeChecked();
  await churn.uncheck();
  await refunds.getByRole("button", { name: "Save refund option" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Refunds no longer change a contact's stage." })).toBeVisible();
  await expect(churn).not.toBeChecked();

  // Back to the sandbox: the keys are forgotten; Razorpay's secret still lands for a day.
  await page.getByRole("button", { name: "Switch to the sandbox" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Back on the sandbox: the Razorpay keys are forgotten." })).toBeVisible();
  await expect(account).toContainText("Sandbox (no real money moves)");
  await expect(account).not.toContainText(E2E_RAZORPAY_KEY_ID);
  await expect(page.getByRole("form", { name: "Connect Razorpay" })).toBeVisible();
  expect(await postRazorpayEvent(page.request, urlText, NEXT_WEBHOOK_SECRET)).toBe(200);
  await expectNothingWiderThanViewport(page);
});
