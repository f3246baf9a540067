// Editing a custom field on a 360-px phone: the edit form, with a long label
// and key, fits without scrolling sideways and its row buttons stay usable.
import { expect, sameOrigin, test } from "./fixtures";
import { expectNothingWiderThanViewport } from "./viewport";

test("the field edit form fits at 360 px", async ({ page, owner, appURL }) => {
  void owner;
  expect(page.viewportSize()?.width).toBe(360);
  const label = "Trading experience level of the customer";
  const created = await page.request.post("/settings/fields", {
    form: { intent: "create", label, type: "SELECT", options: "beginner\nintermediate\npro" },
    headers: sameOrigin(appURL),
    maxRedirects: 0,
  });
  expect(created.status()).toBe(302);
  await page.goto("/settings/fields");
  await page.getByText(`Edit ${label}…`).click();
  await page.getByRole("button", { name: "Add option" }).click();
  await page.getByLabel(`Option 4 of ${label}`).fill("expert");
  await expectNothingWiderThanViewport(page);
  // Nothing inside the form spills over its edge either (a long key, say).
  const form = page.locator("form", { has: page.getByLabel(`Label of ${label}`) });
  const overflow = await form.evaluate((element) => element.scrollWidth - element.clientWidth);
  expect(overflow, "the edit form's content is wider than the form").toBeLessThanOrEqual(0);
  const remove = page.getByRole("button", { name: "Remove option 4" });
  await remove.scrollIntoViewIfNeeded();
  await expect(remove).toBeInViewport();
  await remove.click();
  await expect(page.getByLabel(`Option 4 of ${label}`)).toHaveCount(0);
  await page.getByRole("button", { name: `Save ${label}` }).click();
  await expect(page.getByRole("status")).toContainText(`Field ${label} saved.`);
});

test("a toast with one very long word wraps inside the phone's width", async ({ page, owner }) => {
  void owner;
  const label = `Tradingexperience${"x".repeat(63)}`; // 80 characters, no space to break at
  await page.goto("/settings/fields");
  await page.getByLabel("Label", { exact: true }).fill(label);
  await page.getByRole("button", { name: "Add field" }).click();
  const toast = page.getByRole("status").filter({ hasText: `Field ${label} added.` });
  await expect(toast).toBeVisible();
  const box = (await toast.boundingBox())!;
  expect(box.x, "the toast starts off the screen").toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, "the toast runs off the screen").toBeLessThanOrEqual(360);
  await expect(toast.getByRole("button", { name: "Dismiss" })).toBeInViewport();
  await expectNothingWiderThanViewport(page);
  // The field list below holds the same long word without widening the page.
  const listed = page.getByRole("list", { name: "Custom fields" }).getByText(label, { exact: true });
  await listed.scrollIntoViewIfNeeded();
  await expect(listed).toBeInViewport({ ratio: 1 });
});

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });

    test("every settings tab, the active one included, is in sight", async ({ page, owner }) => {
      void owner;
      for (const [path, tab] of [
        ["/settings/fields", "Custom fields"],
        ["/settings/forms", "Web forms"],
        ["/settings/security", "Security"],
      ] as const) {
        await page.goto(path);
        const nav = page.getByRole("navigation", { name: "Settings" });
        await expect(nav.getByRole("link", { name: tab })).toHaveAttribute("aria-current", "page");
        for (const name of ["Organization", "Members", "Tags", "Custom fields", "Deal pipeline", "Web forms", "Security"]) {
          await expect(nav.getByRole("link", { name }), `${name} on ${path}`).toBeInViewport({ ratio: 1 });
        }
        await expectNothingWiderThanViewport(page);
      }
    });
  });
}
