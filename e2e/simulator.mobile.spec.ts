// The phone simulator on a 360-px phone: a customer writes on the sandbox WhatsApp channel, the message
// reaches the new contact's timeline through the same webhook inbox and job as a real one, and "STOP"
// opts them out, the one confirmation appearing on the simulated phone without a reload. Without
// JavaScript the form posts and shows its field errors.
import type { Page } from "@playwright/test";
import { expect, gotoHydrated, test } from "./fixtures";
import { expectNothingWiderThanViewport } from "./viewport";

async function addSandboxWhatsapp(page: Page, name: string, sender: string) {
  await page.goto("/settings/channels");
  await page.getByLabel("Kind").selectOption("WHATSAPP");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Sender (number, or email address)").fill(sender);
  await page.getByRole("button", { name: "Add channel" }).click();
  await expect(page.getByRole("region", { name: `Webhooks for ${name}` })).toBeVisible();
}

const customerNumber = () => `98${String(Date.now() % 100_000_000).padStart(8, "0")}`;

test("a customer writes through the simulator: the message is on the contact's timeline; STOP opts out and the confirmation appears", async ({ page, owner }) => {
  void owner;
  await addSandboxWhatsapp(page, "Demo WhatsApp", "+91 98200 00021");
  const number = customerNumber();

  await gotoHydrated(page, "/simulator");
  await expect(page.getByLabel("Channel")).toContainText("Demo WhatsApp");
  await page.getByLabel("Customer's phone").fill(number);
  await page.getByLabel("Profile name").fill("Sunita Trader");
  await page.getByLabel("Message", { exact: true }).fill("Is the Nifty options course still open?");
  await page.getByRole("button", { name: "Send as the customer" }).click();

  const phone = page.getByRole("region", { name: "Simulated phone" });
  // The worker files it; the page hears of the new conversation and refreshes itself.
  await expect(phone.getByLabel("The customer wrote").filter({ hasText: "Is the Nifty options course still open?" })).toBeVisible({ timeout: 20_000 });
  await expect(phone).toContainText("as Sunita Trader");
  await expectNothingWiderThanViewport(page);
  const simulatorUrl = page.url();

  await page.goto(`/contacts?q=${encodeURIComponent("Sunita Trader")}`);
  await page.getByRole("link", { name: "Sunita Trader" }).first().click();
  const timeline = page.getByRole("list", { name: "Timeline" });
  await expect(timeline.getByText("The contact wrote on WhatsApp")).toBeVisible();
  await expect(timeline.getByText("Is the Nifty options course still open?")).toBeVisible();

  await gotoHydrated(page, simulatorUrl);
  await expect(page.getByLabel("Write as")).toHaveValue(/[0-9a-f-]{36}/);
  await page.getByLabel("Message", { exact: true }).fill("STOP");
  await page.getByRole("button", { name: "Send as the customer" }).click();
  const confirmation = phone.getByLabel("The business wrote").filter({ hasText: "You have been unsubscribed" });
  await expect(confirmation).toBeVisible({ timeout: 20_000 });
  await expect(confirmation).toHaveCount(1);
  await expect(confirmation.getByLabel(/Sent|Delivered|Read/)).toBeVisible({ timeout: 20_000 });
  await expectNothingWiderThanViewport(page);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the form posts; no text and no sample, or a bad number, come back as field errors and send nothing", async ({ page, owner }) => {
    void owner;
    await addSandboxWhatsapp(page, "Plain WhatsApp", "+91 98200 00022");
    await page.goto("/simulator");
    await page.getByLabel("Customer's phone").fill(customerNumber());
    await page.getByRole("button", { name: "Send as the customer" }).click();
    await expect(page.getByText("Write a message or attach a sample")).toBeVisible();

    await page.getByLabel("Customer's phone").fill("12345");
    await page.getByLabel("Message", { exact: true }).fill("Hello");
    await page.getByRole("button", { name: "Send as the customer" }).click();
    await expect(page.getByText("Enter a phone number with its country code")).toBeVisible();

    await page.getByLabel("Customer's phone").fill(customerNumber());
    await page.getByLabel("Attach").selectOption("location");
    await page.getByRole("button", { name: "Send as the customer" }).click();
    await expect(page.getByText("Sent as the customer.")).toBeVisible();
    await expect(async () => {
      await page.reload();
      await expect(page.getByRole("region", { name: "Simulated phone" }).getByText("BSE, Dalal Street")).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 20_000 });
    await expectNothingWiderThanViewport(page);
  });
});
