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
    await expect(card(page, "New", "Drag Me")).toHaveAttribute("aria-roledescription", "draggable card");

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
    await page.route((url) => url.pathname === "/api/events", (route) => route.abort());
    await page.goto("/board");
    await expect(card(page, "New", "Stale Card")).toHaveAttribute("aria-roledescription", "draggable card");

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

  test("Escape puts a dragged card back, and letting go over its name doesn't open it", async ({ page, owner, appURL }) => {
    void owner;
    await createContact(page.request, appURL, { name: "Changed Mind", phone: "9811100004" });
    await page.goto("/board");
    const changing = card(page, "New", "Changed Mind");
    await expect(changing).toHaveAttribute("aria-roledescription", "draggable card");
    // Count clicks that reach a link (a click on the name would open the contact).
    await page.evaluate(() => {
      const counter = window as unknown as { linkClicks: number };
      counter.linkClicks = 0;
      document.addEventListener("click", (event) => {
        if ((event.target as Element).closest("a")) counter.linkClicks += 1;
      });
    });

    const name = (await changing.getByRole("link", { name: "Changed Mind" }).boundingBox())!;
    const to = (await column(page, "Engaged").boundingBox())!;
    await page.mouse.move(name.x + 5, name.y + 5);
    await page.mouse.down();
    await page.mouse.move(to.x + to.width / 2, to.y + 40, { steps: 5 });
    await expect(changing).toHaveAttribute("data-dragging", "true");
    await expect(column(page, "Engaged")).toHaveClass(/ring-2/);
    await page.keyboard.press("Escape");
    await expect(changing).not.toHaveAttribute("data-dragging", "true");
    await expect(column(page, "Engaged")).not.toHaveClass(/ring-2/);
    await page.mouse.move(name.x + 5, name.y + 5, { steps: 3 });
    await page.mouse.up();

    expect(await page.evaluate(() => (window as unknown as { linkClicks: number }).linkClicks)).toBe(0);
    await expect(card(page, "New", "Changed Mind")).toBeVisible();
    await page.reload();
    await expect(card(page, "New", "Changed Mind")).toBeVisible();
    await expect(card(page, "Engaged", "Changed Mind")).toHaveCount(0);
  });

  test("a pen drags a card after a press and hold", async ({ page, owner, appURL }) => {
    void owner;
    await createContact(page.request, appURL, { name: "Pen Pal", phone: "9811100006" });
    await page.goto("/board");
    const pal = card(page, "New", "Pen Pal");
    await expect(pal).toHaveAttribute("aria-roledescription", "draggable card");

    // The browser's own pen input (Playwright's mouse API has no pen).
    const cdp = await page.context().newCDPSession(page);
    const pen = (type: "mousePressed" | "mouseMoved" | "mouseReleased", x: number, y: number) =>
      cdp.send("Input.dispatchMouseEvent", { type, x, y, pointerType: "pen", button: "left", buttons: type === "mouseReleased" ? 0 : 1, clickCount: 1 });
    const from = (await pal.boundingBox())!;
    const to = (await column(page, "Engaged").boundingBox())!;
    await pen("mousePressed", from.x + 20, from.y + 16);
    await expect(pal).toHaveAttribute("data-dragging", "true");
    for (let step = 1; step <= 5; step += 1) {
      await pen("mouseMoved", from.x + 20 + ((to.x + 40 - from.x - 20) * step) / 5, from.y + 16 + ((to.y + 40 - from.y - 16) * step) / 5);
    }
    await expect(column(page, "Engaged")).toHaveClass(/ring-2/);
    await pen("mouseReleased", to.x + 40, to.y + 40);

    await expect(card(page, "Engaged", "Pen Pal")).toBeVisible();
    await expect(card(page, "Engaged", "Pen Pal")).not.toHaveAttribute("aria-busy", "true");
    await page.reload();
    await expect(card(page, "Engaged", "Pen Pal")).toBeVisible();
  });

  test("the keyboard moves a card with its stage selector, and keeps the focus on it", async ({ page, owner, appURL }) => {
    void owner;
    await createContact(page.request, appURL, { name: "Key Mover", phone: "9811100005" });
    await page.goto("/board");
    await expect(card(page, "New", "Key Mover")).toHaveAttribute("aria-roledescription", "draggable card");

    const select = page.getByLabel("Stage for Key Mover");
    await select.focus();
    await select.selectOption({ label: "Interested" });
    await page.keyboard.press("Tab");
    await expect(page.getByRole("button", { name: "Move Key Mover" })).toBeFocused();
    await page.keyboard.press("Enter");

    await expect(card(page, "Interested", "Key Mover")).toBeVisible();
    await expect(card(page, "Interested", "Key Mover")).not.toHaveAttribute("aria-busy", "true");
    await expect(page.getByLabel("Stage for Key Mover")).toBeFocused();
    await page.reload();
    await expect(card(page, "Interested", "Key Mover")).toBeVisible();
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
