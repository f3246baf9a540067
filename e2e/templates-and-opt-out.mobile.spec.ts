// Template admin and the organization's opt-out words on a 360-px phone without JavaScript: a bad
// variable is refused with its field's error and nothing is added; a good template is listed with its
// variables and a preview; an opt-out word is added, a duplicate refused, and reset brings the defaults.
import { expect, test } from "./fixtures";
import { expectNothingWiderThanViewport } from "./viewport";

test.use({ javaScriptEnabled: false });

test("an admin adds a WhatsApp template; a variable with a space is refused and adds nothing", async ({ page, owner }) => {
  void owner;
  await page.goto("/settings/templates");
  await page.getByLabel("Name", { exact: true }).fill("welcome_offer");
  await page.getByLabel("Channel").selectOption("WHATSAPP");
  await page.getByLabel("Approval").selectOption("APPROVED");
  await page.getByLabel("Message", { exact: true }).fill("Namaste {{ first name }}, the {{productName}} offer ends today.");
  await page.getByRole("button", { name: "Add template" }).click();
  const message = page.getByLabel("Message", { exact: true });
  await expect(message).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText(/first name/).first()).toBeVisible();
  await expect(page.getByRole("list", { name: "Templates" })).toHaveCount(0);

  await message.fill("Namaste {{firstName}}, the {{productName}} offer ends today.");
  await page.getByRole("button", { name: "Add template" }).click();
  const listed = page.getByRole("listitem", { name: /welcome_offer \(WhatsApp, en\)/ });
  await expect(listed).toBeVisible();
  await expect(listed).toContainText("firstName");
  await expect(listed).toContainText("productName");
  await expect(listed.getByLabel("Preview of welcome_offer")).toBeVisible();
  await expectNothingWiderThanViewport(page);
});

test("an admin adds an opt-out word, a duplicate in another case is refused, and reset brings back the defaults", async ({ page, owner }) => {
  void owner;
  await page.goto("/settings/opt-out");
  const words = page.getByRole("list", { name: /opt-out words/i });
  await expect(words).toContainText("unsubscribe");
  await page.getByLabel(/New opt-out word/i).fill("nahi chahiye");
  await page.getByRole("button", { name: /Add opt-out word/i }).click();
  await expect(words).toContainText("nahi chahiye");

  await page.getByLabel(/New opt-out word/i).fill("Nahi  Chahiye");
  await page.getByRole("button", { name: /Add opt-out word/i }).click();
  await expect(page.getByLabel(/New opt-out word/i)).toHaveAttribute("aria-invalid", "true");
  await expect(words.getByText(/nahi chahiye/i)).toHaveCount(1);
  await expectNothingWiderThanViewport(page);

  await page.getByRole("button", { name: "Reset to the defaults" }).click();
  await expect(words).not.toContainText("nahi chahiye");
  await expect(words).toContainText("unsubscribe");
  await expect(page.getByRole("button", { name: "Reset to the defaults" })).toBeDisabled();
});
