// A conversation to open in the browser: a sandbox WhatsApp channel added through Settings, and a
// customer who wrote in through a signed webhook (so WhatsApp's window is open).
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import twilio from "twilio";
import { expect } from "./fixtures";

/** The sandbox signs its own webhooks with this fixed token (not a secret: it authenticates the sandbox to itself). */
const SANDBOX_TOKEN = "leadlane-sandbox-twilio-auth-token";

export type ChatWorld = { inboundUrl: string; customer: string; sender: string; customerName: string; conversationPath: string };

/** Posts a customer's message to the channel's inbound webhook, signed as Twilio would. */
export async function customerWrites(page: Page, world: Pick<ChatWorld, "inboundUrl" | "customer" | "sender" | "customerName">, fields: Record<string, string>) {
  const params = {
    MessageSid: `SM${randomBytes(16).toString("hex")}`,
    From: `whatsapp:${world.customer}`,
    To: `whatsapp:${world.sender}`,
    ProfileName: world.customerName,
    NumMedia: "0",
    ...fields,
  };
  const answer = await page.request.post(world.inboundUrl, {
    form: params,
    headers: { "X-Twilio-Signature": twilio.getExpectedTwilioSignature(SANDBOX_TOKEN, world.inboundUrl, params) },
  });
  expect(answer.status()).toBe(200);
}

/** Works with JavaScript on or off: forms and links only. Leaves the page on the conversation. */
export async function openChatWorld(page: Page, label: string, firstMessage = "Hello, what is the price?"): Promise<ChatWorld> {
  const sender = `+91982${String(randomBytes(4).readUInt32BE() % 10_000_000).padStart(7, "0")}`;
  await page.goto("/settings/channels");
  await page.getByLabel("Kind").selectOption("WHATSAPP");
  await page.getByLabel("Name", { exact: true }).fill("Demo WhatsApp");
  await page.getByLabel("Sender (number, or email address)").fill(sender);
  await page.getByRole("button", { name: "Add channel" }).click();
  const webhooks = page.getByRole("region", { name: "Webhooks for Demo WhatsApp" });
  const inboundUrl = (await webhooks.getByText(/\/webhooks\/twilio\/[0-9a-f-]{36}\/inbound$/).textContent())!;

  const customer = `+9197${String(Date.now() % 100_000_000).padStart(8, "0")}`;
  const customerName = `${label} ${randomBytes(3).toString("hex")}`;
  await customerWrites(page, { inboundUrl, customer, sender, customerName }, { Body: firstMessage });
  // The worker makes the contact and the conversation.
  await expect(async () => {
    await page.goto(`/contacts?q=${encodeURIComponent(customerName)}`);
    await expect(page.getByRole("link", { name: customerName }).first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await page.getByRole("link", { name: customerName }).first().click();
  await page.getByRole("list", { name: "Conversations" }).getByRole("link", { name: /WhatsApp · Demo WhatsApp/ }).click();
  await expect(page).toHaveURL(/\/inbox\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: customerName })).toBeVisible();
  return { inboundUrl, customer, sender, customerName, conversationPath: new URL(page.url()).pathname };
}
