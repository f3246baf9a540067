// Website forms: an admin creates a form, a plain HTML page posts to its
// endpoint, and the lead appears among the contacts.
import { expect, test } from "./fixtures";

function phoneFor(seed: number): string {
  return String(8_000_000_000 + (seed % 900_000_000));
}

test("create a web form, post to it from a plain HTML page, and find the contact", async ({ page, owner: _owner, browser }, testInfo) => {
  await page.goto("/settings/forms");
  await page.getByLabel("Form name").fill("Free indicator trial");
  await page.getByLabel("Tags to add (optional)").fill("webinar-lead, trial");
  await page.getByRole("button", { name: "Create form" }).click();
  await expect(page.getByText('Form "Free indicator trial" created.')).toBeVisible();

  const forms = page.getByRole("list", { name: "Web forms" });
  await expect(forms.getByRole("heading", { name: "Free indicator trial On" })).toBeVisible();
  await expect(forms.getByText("webinar-lead, trial")).toBeVisible();
  const endpoint = await page.getByLabel("Endpoint (POST)").inputValue();
  expect(endpoint).toMatch(/\/webhooks\/forms\/[A-Za-z0-9_-]{24}$/);
  await page.getByText("HTML snippet for your website").click();
  const snippet = await page.getByLabel("HTML snippet for Free indicator trial").inputValue();
  expect(snippet).toContain(`action="${endpoint}"`);
  expect(snippet).toContain('name="website"');

  // A visitor on some other website, without a session: a plain HTML form.
  const visitor = await browser.newContext();
  const site = await visitor.newPage();
  const phone = phoneFor(Date.now() + testInfo.workerIndex);
  await site.setContent(`<!doctype html>
    <form action="${endpoint}" method="post">
      <label>Name <input name="name" value="Website Visitor"></label>
      <label>Phone <input name="phone" value="${phone}"></label>
      <label>Email <input name="email" value="visitor@example.in"></label>
      <textarea name="message">Please send the trial link</textarea>
      <input name="website" value="">
      <button type="submit">Send</button>
    </form>`);
  await site.getByRole("button", { name: "Send" }).click();
  await expect(site.locator("body")).toContainText('{"ok":true}');
  await visitor.close();

  await page.goto(`/contacts?q=${phone}`);
  await expect(page.getByText("Website Visitor")).toBeVisible();

  // The form's latest submissions link to the contact.
  await page.goto("/settings/forms");
  await expect(page.getByRole("link", { name: "Website Visitor" })).toBeVisible();

  // Switched off, the endpoint answers 404.
  await page.getByRole("button", { name: "Switch off Free indicator trial" }).click();
  await expect(page.getByText("Form switched off")).toBeVisible();
  const refused = await page.request.post(endpoint, { form: { name: "Late", phone: phoneFor(Date.now() + 7) } });
  expect(refused.status()).toBe(404);
});
