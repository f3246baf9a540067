// Merging two records of one person from the contact page (find by a similar
// name, compare, choose per field) and deleting one contact, with JavaScript
// on and off; the compare page also at a phone's width.
import type { APIRequestContext } from "@playwright/test";
import { expect, sameOrigin, test } from "./fixtures";

async function createContactByHttp(request: APIRequestContext, appURL: string, form: Record<string, string>) {
  const response = await request.post("/contacts/new", { form: { intent: "create", ...form }, headers: sameOrigin(appURL), maxRedirects: 0 });
  expect(response.status(), `create ${form.name}`).toBe(302);
  return response.headers()["location"]!;
}

for (const javaScriptEnabled of [true, false]) {
  const mode = javaScriptEnabled ? "with" : "without";

  test(`merge with… finds a similar name, keeps the chosen values and the other phone as a secondary one (${mode} JavaScript)`, async ({
    browser,
    page,
    owner,
    appURL,
  }) => {
    void owner; // signs `page` in
    test.slow();
    const survivor = await createContactByHttp(page.request, appURL, { name: "Ananya Krishnan", phone: "98450 11111", email: "ananya@example.com" });
    await createContactByHttp(page.request, appURL, { name: "Ananya Krishna", phone: "98450 22222", email: "ananya.k@example.com", stage: "INTERESTED" });
    const context = await browser.newContext({ baseURL: appURL, javaScriptEnabled, storageState: await page.context().storageState() });
    const tab = await context.newPage();
    try {
      await tab.goto(survivor);
      await tab.getByRole("link", { name: "Merge with…" }).click();
      await expect(tab.getByRole("heading", { name: "Merge with Ananya Krishnan" })).toBeVisible();
      const candidates = tab.getByRole("list", { name: "Possible duplicates" });
      await expect(candidates).toContainText("Ananya Krishna");
      await expect(candidates).toContainText("similar name");
      await candidates.getByRole("link", { name: "Compare with Ananya Krishna" }).click();

      await expect(tab.getByRole("heading", { name: "Merge Ananya Krishna into Ananya Krishnan" })).toBeVisible();
      const stage = tab.getByRole("group", { name: "Stage" });
      await expect(stage.getByRole("radio", { name: /Ananya Krishnan/ })).toBeChecked();
      await stage.getByRole("radio", { name: /Interested/ }).check();
      await tab.getByRole("group", { name: "Phone" }).getByRole("radio", { name: /Ananya Krishna\b.*22222/ }).check();
      await tab.getByRole("button", { name: "Merge Ananya Krishna into Ananya Krishnan" }).click();

      await expect(tab).toHaveURL(new RegExp(`${survivor}$`));
      await expect(tab.getByTestId("contact-phone")).toHaveText("+91 98450 22222");
      const also = tab.getByTestId("contact-identities");
      await expect(also).toContainText("+91 98450 11111");
      await expect(also).toContainText("ananya.k@example.com");
      await expect(tab.getByRole("link", { name: "ananya@example.com" }).first()).toBeVisible();
      const timeline = tab.getByRole("list", { name: "Timeline" });
      await expect(timeline).toContainText("merged Ananya Krishna (+91 98450 22222) into this contact");
      await expect(timeline).toContainText("Stage: New → Interested");
    } finally {
      await context.close();
    }
  });

  test(`a contact is deleted after confirming on its own page (${mode} JavaScript)`, async ({ browser, page, owner, appURL }) => {
    void owner;
    const contact = await createContactByHttp(page.request, appURL, { name: "Delete Candidate", phone: "98450 33333" });
    const context = await browser.newContext({ baseURL: appURL, javaScriptEnabled, storageState: await page.context().storageState() });
    const tab = await context.newPage();
    try {
      await tab.goto(contact);
      await tab.getByRole("link", { name: "Delete", exact: true }).click();
      await expect(tab.getByRole("heading", { name: "Delete Delete Candidate?" })).toBeVisible();
      await tab.getByRole("link", { name: "Cancel" }).click();
      await expect(tab).toHaveURL(new RegExp(`${contact}$`));
      await tab.getByRole("link", { name: "Delete", exact: true }).click();
      await tab.getByRole("button", { name: "Delete Delete Candidate" }).click();
      await expect(tab).toHaveURL(/\/contacts$/);
      await expect(tab.getByRole("status")).toContainText("Deleted Delete Candidate.");
      expect((await tab.goto(contact))?.status()).toBe(404);
    } finally {
      await context.close();
    }
  });
}

test("the compare page fits a phone: no sideways scrolling, choices stacked", async ({ browser, page, owner, appURL }) => {
  void owner;
  const survivor = await createContactByHttp(page.request, appURL, { name: "Siddharth Venkataraman Iyer", phone: "98450 44444" });
  const other = await createContactByHttp(page.request, appURL, {
    name: "Siddharth V Iyer",
    phone: "98450 55555",
    email: "siddharth.venkataraman.iyer.trading@example.com",
  });
  const context = await browser.newContext({ baseURL: appURL, viewport: { width: 360, height: 740 }, storageState: await page.context().storageState() });
  const tab = await context.newPage();
  try {
    await tab.goto(`${survivor}/merge?with=${other.split("/").pop()}`);
    await expect(tab.getByRole("button", { name: /^Merge / })).toBeVisible();
    const width = await tab.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(360);
    const phone = tab.getByRole("group", { name: "Phone" }).getByRole("radio");
    const [first, second] = [await phone.nth(0).boundingBox(), await phone.nth(1).boundingBox()];
    expect(second!.y).toBeGreaterThan(first!.y);
  } finally {
    await context.close();
  }
});
