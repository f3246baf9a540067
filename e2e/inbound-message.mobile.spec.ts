// A customer writes on WhatsApp: the webhook (signed the way Twilio signs it) is accepted, its job makes
// the contact and the conversation, and the message shows on the contact's timeline — on a 360-px phone
// without JavaScript, the way an agent on the move reads it. An unsigned post is refused.
import { randomBytes } from "node:crypto";
import twilio from "twilio";
import { expect, test } from "./fixtures";
import { expectNothingWiderThanViewport } from "./viewport";

/** The sandbox signs its own webhooks with this fixed token (not a secret: it authenticates the sandbox to itself). */
const SANDBOX_TOKEN = "leadlane-sandbox-twilio-auth-token";

test.use({ javaScriptEnabled: false });

test("a WhatsApp message through the webhook lands on a new contact's timeline as text; an unsigned post is refused", async ({
  page,
  owner,
  appURL,
}) => {
  void owner;
  await page.goto("/settings/channels");
  await page.getByLabel("Kind").selectOption("WHATSAPP");
  await page.getByLabel("Name", { exact: true }).fill("Demo WhatsApp");
  await page.getByLabel("Sender (number, or email address)").fill("+91 98200 00011");
  await page.getByRole("button", { name: "Add channel" }).click();
  const webhooks = page.getByRole("region", { name: "Webhooks for Demo WhatsApp" });
  const inboundUrl = await webhooks.getByText(/\/webhooks\/twilio\/[0-9a-f-]{36}\/inbound$/).textContent();
  expect(inboundUrl?.startsWith(appURL)).toBe(true);

  const customer = `+9198${String(Date.now() % 100_000_000).padStart(8, "0")}`;
  const params = {
    MessageSid: `SM${randomBytes(16).toString("hex")}`,
    From: `whatsapp:${customer}`,
    To: "whatsapp:+919820000011",
    Body: "<b>Price</b> of the BankNifty indicator? <img src=x onerror=alert(1)>",
    ProfileName: "Rohit Trader",
    NumMedia: "0",
  };
  const unsigned = await page.request.post(inboundUrl!, { form: params });
  expect(unsigned.status()).toBe(403);
  const signed = await page.request.post(inboundUrl!, {
    form: params,
    headers: { "X-Twilio-Signature": twilio.getExpectedTwilioSignature(SANDBOX_TOKEN, inboundUrl!, params) },
  });
  expect(signed.status()).toBe(200);
  expect(await signed.text()).toContain("<Response/>");

  // The worker turns it into a contact named by the WhatsApp profile.
  await expect(async () => {
    await page.goto(`/contacts?q=${encodeURIComponent("Rohit Trader")}`);
    await expect(page.getByRole("link", { name: "Rohit Trader" }).first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await page.getByRole("link", { name: "Rohit Trader" }).first().click();
  await expect(page.getByText("The contact wrote on WhatsApp")).toBeVisible();
  // Shown as the customer typed it: text, never markup.
  // (The whole text, as the timeline shows it; the Conversations block previews it too.)
  await expect(page.getByText(params.Body, { exact: true })).toBeVisible();
  expect(await page.locator("img[src='x']").count()).toBe(0);
  await expectNothingWiderThanViewport(page);
});
