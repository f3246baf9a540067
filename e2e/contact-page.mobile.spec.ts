// The contact page on a 360-px phone: nothing scrolls sideways and the main
// actions (call, WhatsApp, note, tag, follow-up and cancelling it, status) are reachable.
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, sameOrigin, test } from "./fixtures";

async function createContactByHttp(request: APIRequestContext, appURL: string, form: Record<string, string>) {
  const response = await request.post("/contacts/new", { form: { intent: "create", ...form }, headers: sameOrigin(appURL), maxRedirects: 0 });
  expect(response.status()).toBe(302);
  return response.headers()["location"]!;
}

async function expectNoHorizontalScroll(page: Page) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, "the page scrolls sideways").toBeLessThanOrEqual(clientWidth);
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`contact page at 360 px ${javaScriptEnabled ? "with" : "without"} JavaScript`, () => {
    test.use({ javaScriptEnabled });

    test("no horizontal scroll, and call, WhatsApp, note, tag, follow-up (and cancelling it) and status are reachable", async ({ page, owner, appURL }) => {
      test.slow();
      expect(page.viewportSize()?.width).toBe(360);
      const path = await createContactByHttp(page.request, appURL, {
        name: "Venkatanarasimharajuvaripeta Subrahmanyam Iyer",
        phone: "98765 43210",
        email: "a.very.long.email.address.for.testing.wrapping@example-trading-indicators.in",
      });
      await page.goto(path);
      await expectNoHorizontalScroll(page);
      await expect(page.getByRole("link", { name: "Call" })).toBeInViewport();
      await expect(page.getByRole("link", { name: "WhatsApp" })).toBeInViewport();

      const longNote = `${"Nifty".repeat(40)} https://example.com/${"x".repeat(120)}`;
      await page.getByLabel("Note", { exact: true }).fill(longNote);
      await page.getByRole("button", { name: "Add note" }).click();
      await expect(page.getByRole("list", { name: "Timeline" })).toContainText(`${owner.name} added a note`);

      await page.getByLabel("Tag", { exact: true }).fill("mobile-lead");
      await page.getByRole("button", { name: "Add tag" }).click();
      await expect(page.getByRole("list", { name: "Tags" })).toContainText("mobile-lead");

      await page.getByText("Schedule a follow-up").click();
      await page.getByLabel("Due (IST)").fill("2030-03-01T09:30");
      await page.getByRole("button", { name: "Schedule follow-up" }).click();
      await expect(page.getByRole("list", { name: "Scheduled follow-ups" })).toContainText("1 Mar 2030, 9:30 am");
      await expectNoHorizontalScroll(page);
      const cancel = page.getByRole("button", { name: "Cancel call due 1 Mar 2030, 9:30 am" });
      await cancel.scrollIntoViewIfNeeded();
      await expect(cancel).toBeInViewport();
      await cancel.click();
      await expect(page.getByText("Nothing scheduled.")).toBeVisible();
      await expect(page.getByRole("list", { name: "Timeline" })).toContainText(`${owner.name} cancelled a call (due 1 Mar 2030, 9:30 am)`);

      await page.getByText("Change status").click();
      await page.getByLabel("Temperature").selectOption({ label: "Hot" });
      await page.getByRole("button", { name: "Save status" }).click();
      await expect(page.getByRole("list", { name: "Timeline" })).toContainText("changed temperature from Cold to Hot");

      // Everything open and filled in still fits.
      for (const summary of ["Edit details", "Change owner or company", "Change WhatsApp consent"]) {
        await page.getByText(summary).click();
      }
      await expectNoHorizontalScroll(page);
    });

    test("the new contact form fits too", async ({ page, owner }) => {
      void owner;
      await page.goto("/contacts/new");
      await expectNoHorizontalScroll(page);
      await page.getByRole("button", { name: "Add contact" }).click();
      await expect(page.getByLabel("Name")).toHaveAccessibleDescription("Enter a name");
      await expectNoHorizontalScroll(page);
    });
  });
}
