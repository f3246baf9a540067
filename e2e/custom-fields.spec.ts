// Editing a custom field in Settings → Fields: the label and a single-choice
// field's options (rename, add, move, remove). Renames carry over to contacts;
// removing an option contacts still have needs confirming and clears it.
// Runs with JavaScript on and off.
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, sameOrigin, test } from "./fixtures";

async function createContactWithPlan(request: APIRequestContext, appURL: string, name: string, phone: string, plan: string) {
  const created = await request.post("/contacts/new", { form: { intent: "create", name, phone }, headers: sameOrigin(appURL), maxRedirects: 0 });
  expect(created.status()).toBe(302);
  const path = created.headers()["location"]!;
  const saved = await request.post(path, {
    form: { intent: "customFields", version: "1", "customFields.plan": plan },
    headers: sameOrigin(appURL),
    maxRedirects: 0,
  });
  expect(saved.status(), `${name}'s plan`).toBe(302);
  return path;
}

/** The value shown next to a custom field's label on a contact page. */
function factValue(page: Page, label: string) {
  return page.locator("dt", { hasText: label }).locator("xpath=following-sibling::dd[1]");
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`editing custom fields ${javaScriptEnabled ? "with" : "without"} JavaScript`, () => {
    test.use({ javaScriptEnabled });

    test("rename the field and an option, add and move one, remove one in use only once confirmed", async ({ page, owner, appURL }) => {
      test.slow();
      void owner;
      await page.goto("/settings/fields");
      await page.getByLabel("Label", { exact: true }).fill("Plan");
      await page.getByLabel("Type").selectOption({ label: "Single choice" });
      await page.getByLabel("Options (single choice only, one per line)").fill("basic\npro\nlegacy");
      await page.getByRole("button", { name: "Add field" }).click();
      const fieldList = page.getByRole("list", { name: "Custom fields" });
      await expect(fieldList).toContainText("basic, pro, legacy");

      const proBuyer = await createContactWithPlan(page.request, appURL, "Pro Buyer", "98400 11111", "pro");
      const oldBuyer = await createContactWithPlan(page.request, appURL, "Old Buyer", "98400 22222", "legacy");

      await page.goto("/settings/fields");
      await page.getByText("Edit Plan…").click();
      await expect(page.getByText("The key and type can't change")).toBeVisible();
      await page.getByLabel("Label of Plan").fill("Subscription plan");
      await page.getByLabel("Option 2 of Plan").fill("Pro monthly");

      // A duplicate option is a field error; nothing is saved.
      await page.getByLabel("Option 1 of Plan").fill("LEGACY");
      await page.getByRole("button", { name: "Save Plan" }).click();
      await expect(page.getByLabel("Option 3 of Plan")).toHaveAccessibleDescription("legacy is already an option");
      await page.getByLabel("Option 1 of Plan").fill("basic");

      await page.getByRole("button", { name: "Add option" }).click();
      await page.getByLabel("Option 4 of Plan").fill("gold");
      await page.getByRole("button", { name: "Move option 4 up" }).click();
      await expect(page.getByLabel("Option 3 of Plan")).toHaveValue("gold");
      await expect(page.getByLabel("Option 4 of Plan")).toHaveValue("legacy");
      await page.getByRole("button", { name: "Remove option 4" }).click();
      await expect(page.getByLabel("Option 4 of Plan")).toHaveCount(0);

      // "legacy" is still on a contact: refused with how many, until confirmed.
      await page.getByRole("button", { name: "Save Plan" }).click();
      await expect(page.getByText("legacy is set on 1 contact. Rename it to keep the value")).toBeVisible();
      await expect(fieldList).toContainText("basic, pro, legacy");
      await page.getByLabel("Clear removed options from the contacts that have them").check();
      await page.getByRole("button", { name: "Save Plan" }).click();
      await expect(page.getByRole("status")).toContainText(
        "Field Plan renamed to Subscription plan; 1 contact updated to the renamed option; the removed option cleared from 1 contact.",
      );
      await expect(fieldList).toContainText("Subscription plan");
      // The key and type stay.
      await expect(fieldList).toContainText("Single choice · plan · basic, Pro monthly, gold");

      await page.goto(proBuyer);
      await expect(factValue(page, "Subscription plan")).toHaveText("Pro monthly");
      await page.goto(oldBuyer);
      await expect(factValue(page, "Subscription plan")).toHaveText("—");
    });

    test("a single-choice option over 60 characters is refused with a message naming it", async ({ page, owner }) => {
      void owner;
      await page.goto("/settings/fields");
      const options = page.getByLabel("Options (single choice only, one per line)");
      await expect(options).toHaveAccessibleDescription("Up to 50 options, each up to 60 characters.");
      await page.getByLabel("Label", { exact: true }).fill("Broker");
      await page.getByLabel("Type").selectOption({ label: "Single choice" });
      const long = `Zerodha${"x".repeat(60)}`;
      await options.fill(`Upstox\nAngel One\n${long}`);
      await page.getByRole("button", { name: "Add field" }).click();
      await expect(page.getByText(`Option 3 (“${long.slice(0, 24)}…”) is 67 characters; keep each option to 60 or fewer`)).toBeVisible();
      await expect(options).toHaveAttribute("aria-invalid", "true");
      await expect(page.getByRole("list", { name: "Custom fields" })).toHaveCount(0);
      await expect(page.getByText("No custom fields yet.")).toBeVisible();

      // Shortened, it is added.
      await options.fill("Upstox\nAngel One\nZerodha");
      await page.getByRole("button", { name: "Add field" }).click();
      await expect(page.getByRole("list", { name: "Custom fields" })).toContainText("Upstox, Angel One, Zerodha");
    });
  });
}
