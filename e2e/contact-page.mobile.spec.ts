// The contact page on a 360-px phone: nothing scrolls sideways and the main
// actions (call, WhatsApp, note, tag, follow-up and cancelling it, status) are reachable.
import type { APIRequestContext } from "@playwright/test";
import { expect, sameOrigin, test } from "./fixtures";
import { expectNothingWiderThanViewport, linesOfText } from "./viewport";

async function createContactByHttp(request: APIRequestContext, appURL: string, form: Record<string, string>) {
  const response = await request.post("/contacts/new", { form: { intent: "create", ...form }, headers: sameOrigin(appURL), maxRedirects: 0 });
  expect(response.status()).toBe(302);
  return response.headers()["location"]!;
}

/** Posts one of the contact page's forms as the browser would. */
async function postContactForm(request: APIRequestContext, appURL: string, path: string, form: Record<string, string>) {
  const response = await request.post(path, { form, headers: sameOrigin(appURL), maxRedirects: 0 });
  expect(response.status(), `${form.intent} on ${path}`).toBe(302);
}

async function createFieldByHttp(request: APIRequestContext, appURL: string, form: Record<string, string>) {
  const response = await request.post("/settings/fields", { form: { intent: "create", ...form }, headers: sameOrigin(appURL), maxRedirects: 0 });
  expect(response.status(), `field ${form.label}`).toBe(302);
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
      await expectNothingWiderThanViewport(page);
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
      await page.getByLabel("Due (Asia/Kolkata)").fill("2030-03-01T09:30");
      await page.getByRole("button", { name: "Schedule follow-up" }).click();
      await expect(page.getByRole("list", { name: "Scheduled follow-ups" })).toContainText("1 Mar 2030, 9:30 am");
      await expectNothingWiderThanViewport(page);
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
      await expectNothingWiderThanViewport(page);
    });

    test("long custom-field labels and values and a 60-character tag fit; a short value reads on one line", async ({ page, owner, appURL }) => {
      void owner;
      test.slow();
      const longLabel = "Trading experience level of the customer as they told us on the very first call";
      await createFieldByHttp(page.request, appURL, { label: longLabel, type: "SELECT", options: "beginner\nintermediate\nprofessional" });
      await createFieldByHttp(page.request, appURL, { label: "Indicator link", type: "TEXT" });
      const path = await createContactByHttp(page.request, appURL, { name: "Long Fields Person", phone: "98300 55667" });
      const tag = `bankniftyweeklyexpiryscalpingsubscriber${"x".repeat(21)}`; // 60 characters, nowhere to break
      await postContactForm(page.request, appURL, path, { intent: "addTag", name: tag });

      await page.goto(path);
      await page.getByText("Edit custom fields").click();
      await page.getByLabel(longLabel).selectOption("intermediate");
      await page.getByLabel("Indicator link").fill(`https://www.tradingview.com/script/${"AbCdEf".repeat(20)}`);
      await page.getByRole("button", { name: "Save custom fields" }).click();
      await expect(page.getByRole("list", { name: "Timeline" })).toContainText(`changed ${longLabel} from — to intermediate`);

      await expect(page.getByRole("list", { name: "Tags" })).toContainText(tag);
      await expectNothingWiderThanViewport(page);
      const value = page.getByRole("definition").filter({ hasText: /^intermediate$/ });
      const lines = await linesOfText(value);
      expect(lines, "the value 'intermediate' wraps onto several lines").toBe(1);
    });

    test("a 200-character name with no spaces fits the contact page and the Follow-ups page", async ({ page, owner, appURL }) => {
      void owner;
      const name = `Venkata${"x".repeat(193)}`;
      const path = await createContactByHttp(page.request, appURL, { name, phone: "98300 77889" });
      await page.goto(path);
      await expectNothingWiderThanViewport(page);
      await page.getByText("Schedule a follow-up").click();
      await page.getByLabel("Due (Asia/Kolkata)").fill("2030-03-01T09:30");
      await page.getByRole("button", { name: "Schedule follow-up" }).click();
      await expect(page.getByRole("list", { name: "Scheduled follow-ups" })).toContainText("1 Mar 2030, 9:30 am");

      await page.goto("/follow-ups");
      await expect(page.getByRole("link", { name })).toBeVisible();
      await expectNothingWiderThanViewport(page);
      const done = page.getByRole("button", { name: `Mark call with ${name} done` });
      await done.scrollIntoViewIfNeeded();
      await expect(done).toBeInViewport({ ratio: 1 });
    });

    test("the new contact form fits too", async ({ page, owner }) => {
      void owner;
      await page.goto("/contacts/new");
      await expectNothingWiderThanViewport(page);
      await page.getByRole("button", { name: "Add contact" }).click();
      await expect(page.getByLabel("Name")).toHaveAccessibleDescription("Enter a name");
      await expectNothingWiderThanViewport(page);
    });
  });
}
