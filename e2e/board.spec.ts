// The contacts board: drag a card to another column with JavaScript (and see
// it come back, with a message, when the server refuses); without JavaScript
// the stage selector on each card moves it, and "Show more" pages a column.
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test, trpcMutation } from "./fixtures";

type NewContact = { name: string; phone: string; stage?: string; temperature?: string; score?: number };

async function createContact(request: APIRequestContext, appURL: string, contact: NewContact): Promise<string> {
  const result = await trpcMutation<{ id: string }>(request, appURL, "contact.create", contact);
  expect(result.status, `create ${contact.name}: ${result.text}`).toBe(200);
  return result.data.id;
}

function column(page: Page, label: string) {
  return page.getByRole("region", { name: `${label} column` });
}

function card(page: Page, columnLabel: string, name: string) {
  return column(page, columnLabel).getByRole("listitem", { name });
}

test.describe("with JavaScript", () => {
  test("drag a card to another column; it stays there after a reload", async ({ page, owner, appURL }) => {
    void owner;
    await createContact(page.request, appURL, { name: "Drag Me", phone: "9811100001", temperature: "HOT", score: 80 });
    await createContact(page.request, appURL, { name: "Stay Put", phone: "9811100002", score: 20 });
    await page.goto("/board");
    await expect(card(page, "New", "Drag Me")).toBeVisible();
    await expect(column(page, "Engaged").getByText("No contacts here.")).toBeVisible();

    await card(page, "New", "Drag Me").dragTo(column(page, "Engaged"));
    await expect(card(page, "Engaged", "Drag Me")).toBeVisible();
    await expect(card(page, "New", "Drag Me")).toHaveCount(0);
    await expect(column(page, "Engaged").getByLabel("1 contact", { exact: true })).toBeVisible();

    // Saved on the server, not just moved on screen.
    await expect(card(page, "Engaged", "Drag Me")).not.toHaveAttribute("aria-busy", "true");
    await page.reload();
    await expect(card(page, "Engaged", "Drag Me")).toBeVisible();
    await expect(card(page, "New", "Stay Put")).toBeVisible();
  });

  test("a move the server refuses goes back, with the reason", async ({ page, owner, appURL }) => {
    void owner;
    const id = await createContact(page.request, appURL, { name: "Stale Card", phone: "9811100003" });
    // No live updates on this page, so it keeps showing the old version of the card.
    await page.route("**/api/events", (route) => route.abort());
    await page.goto("/board");
    await expect(card(page, "New", "Stale Card")).toBeVisible();

    // Meanwhile it is changed elsewhere (and ends up where it was).
    for (const stage of ["ENGAGED", "NEW"]) {
      const moved = await trpcMutation(page.request, appURL, "contacts.changeStage", { contactId: id, stage });
      expect(moved.status, moved.text).toBe(200);
    }

    await card(page, "New", "Stale Card").dragTo(column(page, "Interested"));
    await expect(page.getByRole("alert").filter({ hasText: "Stale Card was changed by" })).toBeVisible();
    await expect(card(page, "New", "Stale Card")).toBeVisible();
    await expect(card(page, "Interested", "Stale Card")).toHaveCount(0);
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the stage selector moves a card; Show more pages a column", async ({ page, owner, appURL }) => {
    void owner;
    for (let i = 1; i <= 21; i += 1) {
      await createContact(page.request, appURL, {
        name: `Lead ${String(i).padStart(2, "0")}`,
        phone: `97${String(20_000_000 + i * 3).padStart(8, "0")}`,
        score: i,
      });
    }
    await page.goto("/board");
    await expect(column(page, "New").getByLabel("21 contacts")).toBeVisible();
    await expect(column(page, "New").getByRole("listitem")).toHaveCount(20);
    // Highest score first: the lowest one is on the next "page".
    await expect(card(page, "New", "Lead 01")).toHaveCount(0);

    await column(page, "New").getByRole("link", { name: "Show more in New" }).click();
    await expect(page).toHaveURL(/page\.NEW=2/);
    await page.waitForLoadState("load");
    await expect(column(page, "New").getByRole("listitem")).toHaveCount(21);
    await expect(column(page, "New").getByRole("link", { name: "Show more in New" })).toHaveCount(0);

    const lead = card(page, "New", "Lead 01");
    await lead.getByLabel("Stage for Lead 01").selectOption({ label: "Interested" });
    await lead.getByRole("button", { name: "Move Lead 01" }).click();
    await expect(page.getByText("Moved Lead 01 to Interested.")).toBeVisible();
    await expect(page).toHaveURL(/\/board\?page\.NEW=2$/);
    await page.waitForLoadState("load");
    await expect(card(page, "Interested", "Lead 01")).toBeVisible();
    await expect(column(page, "New").getByLabel("20 contacts")).toBeVisible();
    await expect(column(page, "Interested").getByLabel("1 contact", { exact: true })).toBeVisible();

    // The filter bar works here too.
    await page.goto("/board?q=Lead%2002");
    await expect(card(page, "New", "Lead 02")).toBeVisible();
    await expect(column(page, "New").getByRole("listitem")).toHaveCount(1);
  });
});
