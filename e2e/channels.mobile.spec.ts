// Settings › Channels on a 360-px phone, with JavaScript off and on: add a Twilio WhatsApp sender and an email
// inbox, read the webhook addresses, edit without retyping credentials, switch a channel off.
import { expect, test } from "./fixtures";
import { expectNothingWiderThanViewport } from "./viewport";

const SID = `AC${"d4".repeat(16)}`;
const TOKEN = "e2e0token0e2e0token0e2e0token0ab";

for (const javaScriptEnabled of [false, true]) {
  test.describe(
    javaScriptEnabled ? "with JavaScript" : "without JavaScript",
    () => {
      test.use({ javaScriptEnabled });

      test("channels: add, see webhook URLs, edit keeping credentials, email secret once, switch off", async ({
        page,
        owner,
        appURL,
      }) => {
        void owner;
        expect(page.viewportSize()?.width).toBe(360);
        await page.goto("/settings");
        await page
          .getByRole("navigation", { name: "Settings" })
          .getByRole("link", { name: "Channels" })
          .click();
        await expect(page).toHaveURL(/\/settings\/channels$/);
        await expect(page.getByText("No channels yet")).toBeVisible();

        // A wrong account SID comes back on its field, nothing added.
        await page.getByLabel("Kind").selectOption("WHATSAPP");
        await page.getByLabel("Name", { exact: true }).fill("Sales WhatsApp");
        await page
          .getByLabel("Sender (number, or email address)")
          .fill("+91 98765 43210");
        await page.getByLabel("Account SID").fill("AC123");
        await page.getByLabel("Auth token").fill(TOKEN);
        await page.getByRole("button", { name: "Add channel" }).click();
        await expect(
          page.getByText("An account SID is AC followed by 32 hex digits")
        ).toBeVisible();
        await expect(page.getByText("No channels yet")).toBeVisible();
        // The refused form does not echo the secret back either.
        expect(await page.content()).not.toContain(TOKEN);

        await page.getByLabel("Name", { exact: true }).fill("Sales WhatsApp");
        await page
          .getByLabel("Sender (number, or email address)")
          .fill("+91 98765 43210");
        await page.getByLabel("Account SID").fill(SID);
        await page.getByLabel("Auth token").fill(TOKEN);
        await page.getByRole("button", { name: "Add channel" }).click();
        await expect(
          page
            .getByRole("status")
            .filter({ hasText: "Channel Sales WhatsApp added." })
        ).toBeVisible();
        const channels = page.getByRole("list", { name: "Channels" });
        await expect(channels.getByText("+919876543210")).toBeVisible();
        await expect(
          channels.getByText(
            "Twilio · 80 per second (default) · Credentials saved"
          )
        ).toBeVisible();
        const webhooks = page.getByRole("region", {
          name: "Webhooks for Sales WhatsApp",
        });
        await expect(
          webhooks.getByText(
            new RegExp(`^${appURL}/webhooks/twilio/[0-9a-f-]{36}/inbound$`)
          )
        ).toBeVisible();
        await expect(
          webhooks.getByText(
            new RegExp(`^${appURL}/webhooks/twilio/[0-9a-f-]{36}/status$`)
          )
        ).toBeVisible();
        let html = await page.content();
        expect(html).not.toContain(TOKEN);
        expect(html).not.toContain(SID);
        await expectNothingWiderThanViewport(page);

        // Editing: the credential fields are empty and say "saved"; saving keeps them.
        await page.getByRole("link", { name: "Edit Sales WhatsApp" }).click();
        await expect(page.getByLabel("Account SID")).toHaveValue("");
        await expect(
          page
            .getByText(
              "Saved — enter a new one to replace it, or leave empty to keep it."
            )
            .first()
        ).toBeVisible();
        await page.getByLabel("Name", { exact: true }).fill("Sales WA");
        await page.getByLabel("Sends per second").fill("20");
        await expectNothingWiderThanViewport(page);
        await page.getByRole("button", { name: "Save channel" }).click();
        await expect(
          page
            .getByRole("status")
            .filter({ hasText: "Channel Sales WA saved." })
        ).toBeVisible();
        await expect(
          channels.getByText("Twilio · 20 per second · Credentials saved")
        ).toBeVisible();

        // An email channel: its inbound secret is on the answer that made it, and only there.
        await page.goto("/settings/channels"); // (the toast, which JavaScript would dismiss, covers the button)
        await page.getByLabel("Kind").selectOption("EMAIL");
        await page.getByLabel("Name", { exact: true }).fill("Support inbox");
        await page
          .getByLabel("Sender (number, or email address)")
          .fill("Support@Example.com");
        await page.getByRole("button", { name: "Add channel" }).click();
        const secret = (await page
          .getByLabel("Inbound secret")
          .textContent())!.trim();
        expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
        await expect(
          page.getByText("copy it now, it is not shown again")
        ).toBeVisible();
        const email = page.getByRole("region", {
          name: "Webhook for Support inbox",
        });
        await expect(
          email.getByText(
            new RegExp(`^${appURL}/webhooks/email/[0-9a-f-]{36}/inbound$`)
          )
        ).toBeVisible();
        await expect(
          email.getByText("X-Leadlane-Secret").first()
        ).toBeVisible();
        await expectNothingWiderThanViewport(page);
        await page.goto("/settings/channels");
        html = await page.content();
        expect(html).toContain("support@example.com");
        expect(html).not.toContain(secret);

        // Switching off.
        await page.getByRole("button", { name: "Switch off Sales WA" }).click();
        await expect(
          page
            .getByRole("status")
            .filter({ hasText: "Channel Sales WA switched off." })
        ).toBeVisible();
        await expect(
          page.getByRole("button", { name: "Switch on Sales WA" })
        ).toBeVisible();
      });
    }
  );
}
