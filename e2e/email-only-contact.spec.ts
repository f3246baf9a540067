// A lead known only by email, added by hand without JavaScript: the contact page
// and the list show it without a phone (no Call or WhatsApp link, an empty phone cell).
import { expect, test } from "./fixtures";

test.describe("a contact with an email and no phone, without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("is created on the new-contact page and shown on its page and in the list", async ({ page, owner }) => {
    await page.goto("/contacts/new");
    // Neither a phone nor an email: refused, with what to do.
    await page.getByLabel("Name").fill("Meera Iyer");
    await page.getByRole("button", { name: "Add contact" }).click();
    await expect(page.getByLabel("Phone")).toHaveAccessibleDescription(/Enter a phone number or an email address/);
    await expect(page).toHaveURL(/\/contacts\/new$/);

    await page.getByLabel("Email").fill("Meera@Example.in");
    await page.getByRole("button", { name: "Add contact" }).click();
    await expect(page).toHaveURL(/\/contacts\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { level: 1, name: "Meera Iyer" })).toBeVisible();
    await expect(page.getByRole("link", { name: "meera@example.in" })).toHaveAttribute("href", "mailto:meera@example.in");
    await expect(page.getByTestId("contact-phone")).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Call" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "WhatsApp" })).toHaveCount(0);
    await expect(page.getByRole("list", { name: "Timeline" })).toContainText(`${owner.name} created this contact`);

    await page.goto("/contacts");
    const row = page.getByRole("table", { name: "Contacts" }).getByRole("row", { name: /Meera Iyer/ });
    await expect(row).toContainText("meera@example.in");
    await expect(row).toContainText("—");
  });
});
