// A whole WhatsApp conversation on 360-px phones, in two browsers: a teammate plays the customer on the
// phone simulator, the owner is the agent. The customer (a new number) writes → the agent's bell rises
// live and the notification names them → the agent opens it and replies → the ticks move to read and the
// reply reaches the customer's phone → a template with a variable left empty is refused with the
// variable named → the customer sends STOP → the chat shows the opt-out and its reason, the customer gets
// the confirmation, and the agent's next send is refused in words with nothing sent. Without JavaScript
// the reply and the refusal are plain form posts.
import { randomBytes } from "node:crypto";
import type { Browser, Locator, Page, TestInfo } from "@playwright/test";
import { type Account, expect, freshContext, gotoHydrated, inviteByHttp, newAccount, PASSWORD, sameOrigin, test, trpcMutation } from "./fixtures";
import { expectNothingWiderThanViewport } from "./viewport";
import { createSandboxChannel } from "./inbound-webhook";

/**
 * The agent's org gets a sandbox WhatsApp channel and a manager who plays the customer: a manager sees
 * every conversation on the simulator, and marks themselves away so the round-robin gives new ones to the agent.
 */
async function customerJoins(page: Page, appURL: string, browser: Browser, testInfo: TestInfo, javaScriptEnabled: boolean) {
  await createSandboxChannel(page.request, appURL, { kind: "WHATSAPP", name: "Sales WhatsApp", address: "+91 98200 00051" });
  const player: Account = newAccount(testInfo, "customer");
  const link = await inviteByHttp(page.request, appURL, player.email, "MANAGER");
  const { viewport, isMobile, hasTouch, userAgent, deviceScaleFactor } = testInfo.project.use;
  const context = await freshContext(browser, testInfo, { viewport, isMobile, hasTouch, userAgent, deviceScaleFactor, javaScriptEnabled });
  const customer = await context.newPage();
  const joined = await customer.request.post(link, { form: { name: player.name, password: PASSWORD }, headers: sameOrigin(appURL), maxRedirects: 0 });
  expect(joined.status(), "the customer's player joins").toBe(302);
  await customer.goto("/settings/members");
  await customer.getByRole("button", { name: "Mark yourself away" }).click();
  await expect(customer.getByText("away: new conversations go to others.")).toBeVisible();
  return { context, customer };
}

const newNumber = () => `98${String(randomBytes(4).readUInt32BE() % 100_000_000).padStart(8, "0")}`;

async function customerWritesFirst(customer: Page, number: string, name: string, text: string) {
  await customer.goto("/simulator");
  await customer.getByLabel("Customer's phone").fill(number);
  await customer.getByLabel("Profile name").fill(name);
  await customer.getByLabel("Message", { exact: true }).fill(text);
  await customer.getByRole("button", { name: "Send as the customer" }).click();
  await expect(customer.getByRole("status").filter({ hasText: "Sent as the customer." })).toBeVisible();
}

/** The simulator once it knows the customer: write as them (the contact is chosen already). */
async function customerWritesAgain(customer: Page, text: string) {
  await expect(customer.getByLabel("Write as")).toHaveValue(/[0-9a-f-]{36}/);
  await customer.getByLabel("Message", { exact: true }).fill(text);
  await customer.getByRole("button", { name: "Send as the customer" }).click();
  await expect(customer.getByRole("status").filter({ hasText: "Sent as the customer." })).toBeVisible();
}

function phoneOf(customer: Page) {
  return customer.getByRole("region", { name: "Simulated phone" });
}

/** Until it shows: reloads a page that does not update itself (no JavaScript). */
async function reloadUntilVisible(page: Page, target: Locator, timeout = 20_000) {
  await expect(async () => {
    if (!(await target.isVisible())) await page.reload();
    await expect(target).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout });
}

const ORDER = ["Queued", "Sending", "Sent", "Delivered", "Read"];

test("a whole conversation: new customer, live bell, reply with moving ticks, a template refused, STOP, a refused send", async ({ page, owner, appURL, browser }, testInfo) => {
  void owner;
  test.slow(); // two people, a dozen round trips through the worker
  const { context, customer } = await customerJoins(page, appURL, browser, testInfo, true);
  try {
    const template = await trpcMutation(page.request, appURL, "messageTemplate.create", {
      name: "seat_held",
      channelKind: "WHATSAPP",
      language: "en",
      category: "UTILITY",
      approvalStatus: "APPROVED",
      contentSid: `HX${randomBytes(16).toString("hex")}`,
      body: "Namaste {{firstName}}, your seat in {{courseName}} is held.",
    });
    expect(template.status, template.text).toBe(200);

    // The agent waits on the inbox; the bell shows nothing yet.
    await gotoHydrated(page, "/inbox");
    const bell = page.getByRole("banner").getByTestId("notification-bell");
    await expect(bell).toHaveAccessibleName("Notifications");

    const name = `Kavya ${randomBytes(3).toString("hex")}`;
    await gotoHydrated(customer, "/simulator");
    await customerWritesFirst(customer, newNumber(), name, "Is the weekend batch still open?");
    await expect(phoneOf(customer).getByLabel("The customer wrote").filter({ hasText: "Is the weekend batch still open?" })).toBeVisible({ timeout: 20_000 });

    // The round-robin gives it to the only member who works conversations: the agent, told live.
    await expect(bell).toHaveAccessibleName("Notifications, 1 unread", { timeout: 20_000 });
    await bell.click();
    const notification = page.getByTestId("notification").first();
    await expect(notification).toContainText(name);
    await expectNothingWiderThanViewport(page);
    await notification.getByRole("button").click();
    await expect(page).toHaveURL(/\/inbox\/[0-9a-f-]{36}$/);
    await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    const messages = page.getByRole("list", { name: "Conversation" });
    await expect(messages.getByRole("article", { name: "Message from the customer" })).toContainText("Is the weekend batch still open?");
    await expectNothingWiderThanViewport(page);

    // The reply: every tick it shows is recorded, so the order it moved in can be checked.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { ticksSeen: string[] }).ticksSeen = seen;
      const note = () => {
        const ticks = Array.from(document.querySelectorAll("[aria-label='Message sent'] [role=img]"));
        const last = ticks.at(-1)?.getAttribute("aria-label");
        if (last && seen.at(-1) !== last) seen.push(last);
      };
      new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    await page.getByLabel("Message", { exact: true }).fill("Yes! Saturdays 10–1, ₹4,999.");
    await page.getByRole("button", { name: "Send", exact: true }).click();
    const reply = messages.getByRole("article", { name: "Message sent" }).filter({ hasText: "Yes! Saturdays 10–1, ₹4,999." });
    await expect(reply.getByRole("img", { name: "Read" })).toBeVisible({ timeout: 20_000 });
    const ticks = await page.evaluate(() => (window as unknown as { ticksSeen: string[] }).ticksSeen);
    expect(ticks.at(-1)).toBe("Read");
    expect(ticks.map((tick) => ORDER.indexOf(tick)), `ticks seen: ${ticks.join(" → ")}`).toEqual([...ticks.map((tick) => ORDER.indexOf(tick))].sort((a, b) => a - b));
    expect(ticks.some((tick) => tick === "Sent" || tick === "Delivered"), `ticks seen: ${ticks.join(" → ")}`).toBe(true);
    // The customer's phone shows the reply, read.
    const onPhone = phoneOf(customer).getByLabel("The business wrote").filter({ hasText: "Yes! Saturdays 10–1, ₹4,999." });
    await expect(onPhone).toBeVisible({ timeout: 20_000 });
    await expect(onPhone.getByRole("img", { name: "Read" })).toBeVisible({ timeout: 20_000 });

    // A template with a variable left empty is refused with the variable named; nothing goes.
    await page.getByText("Send a template").click();
    await page.getByRole("combobox", { name: "Template", exact: true }).selectOption({ label: "seat_held (en)" });
    const templateForm = page.getByRole("form", { name: "Template seat_held" });
    await expect(templateForm.getByLabel("{{firstName}}")).toHaveValue("Kavya");
    await expect(templateForm.getByLabel("{{courseName}}")).toHaveValue("");
    await templateForm.getByRole("button", { name: "Send template" }).click();
    await expect(templateForm.getByTestId("template-refusal")).toHaveText("The template “seat_held” needs a value for {{courseName}}.");
    await expect(messages.getByRole("article", { name: "Message sent" })).toHaveCount(1);
    await expectNothingWiderThanViewport(page);

    // The agent starts a follow-up; meanwhile the customer sends STOP.
    await page.getByLabel("Message", { exact: true }).fill("Shall I book the seat for you?");
    await customerWritesAgain(customer, "STOP");
    const confirmation = phoneOf(customer).getByLabel("The business wrote").filter({ hasText: "You have been unsubscribed" });
    await expect(confirmation).toBeVisible({ timeout: 20_000 });
    await expect(confirmation).toHaveCount(1);

    // The chat shows the opt-out and why, live.
    await expect(messages.getByRole("article", { name: "Message from the customer" }).filter({ hasText: "STOP" })).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId("notice-optout")).toContainText(`${name} opted out of WhatsApp messages on`);
    await expect(page.getByTestId("notice-optout")).toContainText("Nothing can be sent here until they opt in again");

    // The agent's next send is refused with the reason in words, and nothing reaches the phone.
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await expect(page.getByTestId("composer-refusal")).toContainText(`${name} opted out of WhatsApp messages on`);
    await expect(page.getByTestId("composer-refusal")).toContainText("so nothing was sent.");
    await expect(messages.getByText("Shall I book the seat for you?")).toHaveCount(0);
    await expectNothingWiderThanViewport(page);
    await customer.reload();
    await expect(phoneOf(customer).getByLabel("The business wrote")).toHaveCount(2);
    await expect(phoneOf(customer).getByText("Shall I book the seat for you?")).toHaveCount(0);
    await expectNothingWiderThanViewport(customer);
  } finally {
    await context.close();
  }
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the reply and the refusal after STOP are plain form posts", async ({ page, owner, appURL, browser }, testInfo) => {
    void owner;
    test.slow(); // two people, and every update waits for a reload
    const { context, customer } = await customerJoins(page, appURL, browser, testInfo, false);
    try {
      const name = `Rohan ${randomBytes(3).toString("hex")}`;
      await customerWritesFirst(customer, newNumber(), name, "Do you have an evening batch?");

      const row = page.getByTestId("inbox-row").filter({ hasText: name });
      await page.goto("/inbox");
      await reloadUntilVisible(page, row);
      await row.getByRole("link", { name }).click();
      await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
      const messages = page.getByRole("list", { name: "Conversation" });

      await page.getByLabel("Message", { exact: true }).fill("Yes, weekdays at 7 pm.");
      await page.getByRole("button", { name: "Send", exact: true }).click();
      const reply = messages.getByRole("article", { name: "Message sent" }).filter({ hasText: "Yes, weekdays at 7 pm." });
      await expect(reply.getByRole("img", { name: /^(Queued|Sending|Sent|Delivered|Read)$/ })).toBeVisible();
      await reloadUntilVisible(page, reply.getByRole("img", { name: "Read" }));
      await expectNothingWiderThanViewport(page);
      await reloadUntilVisible(customer, phoneOf(customer).getByLabel("The business wrote").filter({ hasText: "Yes, weekdays at 7 pm." }));

      // STOP while the agent's page is open: the page does not know yet, the server does.
      await customerWritesAgain(customer, "STOP");
      await reloadUntilVisible(customer, phoneOf(customer).getByLabel("The business wrote").filter({ hasText: "You have been unsubscribed" }));
      await page.getByLabel("Message", { exact: true }).fill("Shall I book it?");
      await page.getByRole("button", { name: "Send", exact: true }).click();
      await expect(page.getByTestId("composer-refusal")).toContainText(`${name} opted out of WhatsApp messages on`);
      await expect(page.getByTestId("composer-refusal")).toContainText("so nothing was sent.");
      await expect(page.getByLabel("Message", { exact: true })).toHaveValue("Shall I book it?");
      await expect(page.getByTestId("notice-optout")).toContainText(`${name} opted out of WhatsApp messages on`);
      await expect(messages.getByText("Shall I book it?")).toHaveCount(0);
      await expectNothingWiderThanViewport(page);
      await customer.reload();
      await expect(phoneOf(customer).getByLabel("The business wrote")).toHaveCount(2);
      await expectNothingWiderThanViewport(customer);
    } finally {
      await context.close();
    }
  });
});
