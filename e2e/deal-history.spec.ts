// A deal's changes on its contact's timeline, with JavaScript off: a deal created
// for a contact and moved with the board's stage selector shows up on the
// contact page (who, what, from which stage to which), and the deal page lists
// the same history — on a 360-px phone too.
import type { APIRequestContext } from "@playwright/test";
import { expect, sameOrigin, test } from "./fixtures";

async function createContactByHttp(request: APIRequestContext, appURL: string, form: Record<string, string>) {
  const response = await request.post("/contacts/new", { form: { intent: "create", ...form }, headers: sameOrigin(appURL), maxRedirects: 0 });
  expect(response.status(), `create ${form.name}`).toBe(302);
  return response.headers()["location"]!;
}

test.describe("with JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("moving a deal with the stage selector shows on the contact's timeline and the deal's history", async ({ page, owner, appURL }) => {
    const contactPath = await createContactByHttp(page.request, appURL, { name: "Kavya Reddy", phone: "98480 22334" });
    const contactId = contactPath.split("/").pop()!;

    await page.goto(`/deals/new?contactId=${contactId}`);
    await page.getByLabel("Title").fill("Options Desk Pro");
    await page.getByLabel("Value (₹)").fill("14,999");
    await page.getByRole("button", { name: "Create deal" }).click();
    await expect(page).toHaveURL(/\/deals$/);

    await page.getByLabel("Stage for Options Desk Pro").selectOption({ label: "Proposal" });
    await page.getByRole("button", { name: "Move Options Desk Pro" }).click();
    await expect(page.getByRole("status")).toContainText("Moved “Options Desk Pro” to Proposal.");

    await page.goto(contactPath);
    const timeline = page.getByRole("list", { name: "Timeline" });
    const moved = timeline.getByRole("listitem").filter({ hasText: "moved the deal" });
    await expect(moved).toContainText(`${owner.name} moved the deal Options Desk Pro from Qualification to Proposal`);
    await expect(moved).toContainText("Probability: 10% → 50%");
    await expect(moved.locator("time")).toHaveText(/\d{4}/);
    await expect(timeline.getByRole("listitem").filter({ hasText: "created the deal" })).toContainText(
      `${owner.name} created the deal Options Desk Pro`,
    );

    // The entry links to the deal, whose page shows the same history (on a phone, without sideways scrolling).
    await page.setViewportSize({ width: 360, height: 740 });
    await moved.getByRole("link", { name: "Open deal" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Options Desk Pro" })).toBeVisible();
    const history = page.getByRole("list", { name: "Deal history" });
    const entries = history.locator(":scope > li");
    await expect(entries).toHaveCount(2);
    await expect(entries.first()).toContainText("moved the deal Options Desk Pro from Qualification to Proposal");
    await expect(page.getByText(`Last saved by ${owner.name} at`)).toBeVisible();
    const widths = await page.evaluate(() => ({ page: document.scrollingElement!.scrollWidth, viewport: window.innerWidth }));
    expect(widths.page).toBeLessThanOrEqual(widths.viewport);
  });
});
