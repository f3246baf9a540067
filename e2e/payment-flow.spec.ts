// The sandbox payment flow in the browser, on a desktop and on a 360-px phone: a customer writes on
// WhatsApp → the agent makes a payment link beside the chat and sends it there → the customer opens
// our link, lands on the sandbox checkout and pays by UPI → the webhooks go through our own endpoint →
// the contact is converted, the link shows paid, the owner is notified. Without JavaScript the link is
// made with a plain form post; with JavaScript the agent's page follows the open and the payment live.
import type { Browser, Page, TestInfo } from "@playwright/test";
import { expect, freshContext, test, trpcMutation } from "./fixtures";
import { createSandboxChannel, customerPhone, postInbound } from "./inbound-webhook";
import { expectNothingWiderThanViewport } from "./viewport";

async function customerWritesIn(page: Page, appURL: string, name: string): Promise<string> {
  await trpcMutation(page.request, appURL, "organization.setAutoAssign", { enabled: true });
  const whatsapp = await createSandboxChannel(page.request, appURL, { kind: "WHATSAPP", name: "Sales WhatsApp", address: "+91 98200 00061" });
  await postInbound(page.request, { ...whatsapp, address: "+919820000061" }, { from: customerPhone(), name, body: "Hi, how do I pay for the BankNifty indicator?" });
  await expect(async () => {
    await page.goto("/inbox?view=all");
    await expect(page.getByTestId("inbox-row").getByRole("link", { name })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await page.getByTestId("inbox-row").getByRole("link", { name }).click();
  await expect(page).toHaveURL(/\/inbox\/[0-9a-f-]{36}$/);
  return new URL(page.url()).pathname;
}

/** Beside the chat (on a phone, behind the profile tab): a link for a typed amount, sent in this chat. */
async function makeLinkInChat(page: Page, chatPath: string, { payOn = "Razorpay payment page" }: { payOn?: string } = {}): Promise<string> {
  await page.goto(`${chatPath}?tab=profile`);
  const payments = page.getByRole("region", { name: /Payments · ₹0\.00 spent/ });
  await payments.getByText("New payment link").click();
  // A bad amount first: refused on its field, nothing made.
  await payments.getByLabel("Product").selectOption({ label: "No product: a custom amount" });
  await payments.getByLabel("Amount in ₹").fill("12.345");
  await payments.getByLabel("What it is for").fill("BankNifty Scalper Pro, lifetime licence");
  await payments.getByRole("button", { name: "Make the payment link" }).click();
  await expect(page.getByText("Use at most two decimal places (paise), like 1499.50")).toBeVisible();
  await expect(page.getByRole("list", { name: "Payment links" })).toHaveCount(0);

  const form = page.getByRole("region", { name: /Payments/ });
  await form.getByLabel("Amount in ₹").fill("4,999");
  await form.getByLabel("What it is for").fill("BankNifty Scalper Pro, lifetime licence");
  await form.getByLabel("The customer pays on").selectOption({ label: payOn });
  await form.getByRole("button", { name: "Make the payment link" }).click();
  await expect(page.getByText("Payment link made and sent in the chat.")).toBeVisible();
  // The chat shows the message with our link in it.
  const bubble = page.getByText(/BankNifty Scalper Pro, lifetime licence: ₹4,999\.00\. Pay securely here: /).first();
  await expect(bubble).toBeVisible();
  const url = /(https?:\/\/\S+\/p\/[0-9A-Za-z]{10})/.exec((await bubble.textContent())!)?.[1];
  expect(url, "the message carries our short link").toBeTruthy();
  return url!;
}

async function customerPays(browser: Browser, testInfo: TestInfo, url: string) {
  const { viewport, isMobile, hasTouch, userAgent, deviceScaleFactor } = testInfo.project.use;
  const context = await freshContext(browser, testInfo, { viewport, isMobile, hasTouch, userAgent, deviceScaleFactor });
  const customer = await context.newPage();
  await customer.goto(url);
  await expect(customer).toHaveURL(/\/sandbox\/checkout\/plink_/);
  await expect(customer.getByRole("heading", { name: "₹4,999.00" })).toBeVisible();
  await expectNothingWiderThanViewport(customer);
  return {
    customer,
    pay: async () => {
      await customer.getByRole("button", { name: "Pay ₹4,999.00 with UPI" }).click();
      await expect(customer.getByText("Payment received. Thank you!")).toBeVisible();
      await context.close();
    },
  };
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the agent makes a link beside the chat with a form post; the customer pays it in the sandbox; the contact is converted", async ({ page, owner, appURL, browser }, testInfo) => {
    void owner;
    const name = `Rohan Mehta ${testInfo.project.name}`;
    const chatPath = await customerWritesIn(page, appURL, name);
    const url = await makeLinkInChat(page, chatPath);
    await expectNothingWiderThanViewport(page);
    const { pay } = await customerPays(browser, testInfo, url);
    await pay();

    // The webhooks are applied by the worker: reload until the contact page shows it.
    await page.goto(`${chatPath}?tab=profile`);
    await page.getByRole("link", { name, exact: true }).first().click();
    await expect(page).toHaveURL(/\/contacts\/[0-9a-f-]{36}$/);
    await expect(async () => {
      await page.reload();
      await expect(page.getByRole("region", { name: "Payments · ₹4,999.00 spent" })).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    const links = page.getByRole("list", { name: "Payment links" });
    await expect(links.getByText("Paid", { exact: true })).toBeVisible();
    await expect(page.getByRole("list", { name: "Payments" }).getByText("₹4,999.00 by UPI", { exact: false })).toBeVisible();
    await expect(page.getByText("Converted").first()).toBeVisible();
    await expect(page.getByText("Paid ₹4,999.00 by UPI")).toBeVisible();
    await expectNothingWiderThanViewport(page);
    await page.goto("/notifications");
    await expect(page.getByText(`₹4,999.00 received from ${name}`)).toBeVisible();
  });
});

for (const javaScriptEnabled of [false, true]) {
  test.describe(`the order flow, ${javaScriptEnabled ? "with" : "without"} JavaScript`, () => {
    test.use({ javaScriptEnabled });

    test("a link paid on our own page: the sandbox stands in for Razorpay Checkout, its signed answer is posted back, and the contact is converted", async ({ page, owner, appURL, browser }, testInfo) => {
      void owner;
      const name = `Meera Nair ${javaScriptEnabled ? "js" : "nojs"} ${testInfo.project.name}`;
      const chatPath = await customerWritesIn(page, appURL, name);
      const url = await makeLinkInChat(page, chatPath, { payOn: "Checkout on our link page" });

      const { viewport, isMobile, hasTouch, userAgent, deviceScaleFactor } = testInfo.project.use;
      const context = await freshContext(browser, testInfo, { viewport, isMobile, hasTouch, userAgent, deviceScaleFactor, javaScriptEnabled });
      const customer = await context.newPage();
      await customer.goto(url);
      // Our own page is the checkout: no redirect.
      await expect(customer).toHaveURL(url);
      await expect(customer.getByRole("heading", { name: "₹4,999.00" })).toBeVisible();
      await expectNothingWiderThanViewport(customer);
      await customer.getByRole("link", { name: "Pay ₹4,999.00" }).click();
      await expect(customer).toHaveURL(/\/sandbox\/checkout\/order_/);
      await customer.getByRole("button", { name: "Pay with a card" }).click();
      // Checkout's answer goes back to our page: by itself with JavaScript, with Continue without.
      if (!javaScriptEnabled) await customer.getByRole("button", { name: "Continue" }).click();
      await expect(customer).toHaveURL(/\/p\/[0-9A-Za-z]{10}\/paid$/);
      await expect(customer.getByText("Payment received. Thank you!")).toBeVisible();
      await context.close();

      await page.goto(`${chatPath}?tab=profile`);
      await expect(async () => {
        await page.reload();
        await expect(page.getByRole("region", { name: "Payments · ₹4,999.00 spent" })).toBeVisible({ timeout: 1_000 });
      }).toPass({ timeout: 20_000 });
      await expect(page.getByRole("list", { name: "Payment links" }).getByText("Paid", { exact: true })).toBeVisible();
    });
  });
}

test("with JavaScript the agent's page follows the customer live: opened, then paid, and the bell rings", async ({ page, owner, appURL, browser }, testInfo) => {
  void owner;
  const name = `Kavya Iyer ${testInfo.project.name}`;
  const chatPath = await customerWritesIn(page, appURL, name);
  const url = await makeLinkInChat(page, chatPath);
  await page.goto(`${chatPath}?tab=profile`);
  const links = page.getByRole("list", { name: "Payment links" });
  await expect(links.getByText("Created", { exact: true })).toBeVisible();
  const bell = page.getByTestId("notification-bell").first();
  const unread = async () => Number(/(\d+) unread/.exec((await bell.getAttribute("aria-label")) ?? "")?.[1] ?? 0);
  const before = await unread();
  const { pay } = await customerPays(browser, testInfo, url);
  await expect(links.getByText("Opened 1×, not paid")).toBeVisible({ timeout: 15_000 });
  await pay();
  await expect(links.getByText("Paid", { exact: true })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole("region", { name: "Payments · ₹4,999.00 spent" })).toBeVisible();
  // The payment's notification arrives live.
  await expect.poll(unread, { timeout: 20_000 }).toBe(before + 1);
});
