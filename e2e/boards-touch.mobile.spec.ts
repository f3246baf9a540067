// Both kanban boards on a 360-px touch phone: press and hold a card, drag it
// with a finger to another column (the board scrolls by itself near the edge),
// and it is still there after a reload. A quick swipe over a card scrolls, and
// moves nothing. Without JavaScript the stage selector still moves cards.
import type { CDPSession, Locator, Page } from "@playwright/test";
import { expect, test, trpcMutation } from "./fixtures";

/** A finger on the screen, driven through the browser's own touch input (real pointer and touch events, real scrolling). */
class Finger {
  private constructor(private readonly cdp: CDPSession) {}

  static async on(page: Page): Promise<Finger> {
    return new Finger(await page.context().newCDPSession(page));
  }

  async down(x: number, y: number) {
    await this.cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ x, y }] });
  }

  async move(x: number, y: number) {
    await this.cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [{ x, y }] });
  }

  /** Moves in small steps, like a finger does. */
  async glide(from: { x: number; y: number }, to: { x: number; y: number }, steps = 8) {
    for (let step = 1; step <= steps; step += 1) {
      await this.move(from.x + ((to.x - from.x) * step) / steps, from.y + ((to.y - from.y) * step) / steps);
    }
  }

  async up() {
    await this.cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  }
}

async function centerOf(locator: Locator) {
  const box = await locator.boundingBox();
  if (!box) throw new Error("not on screen");
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Presses and holds until the card is picked up (a copy of it follows the finger). */
async function pickUp(finger: Finger, card: Locator) {
  await card.scrollIntoViewIfNeeded();
  // The card's own text, away from its stage selector and Move button.
  const box = (await card.boundingBox())!;
  const at = { x: box.x + box.width / 2, y: box.y + 16 };
  await finger.down(at.x, at.y);
  await expect(card).toHaveAttribute("data-dragging", "true");
  return at;
}

test.describe("deals board", () => {
  async function createDeal(page: Page, title: string) {
    await page.goto("/deals/new");
    await page.getByLabel("Title").fill(title);
    await page.getByLabel("Value (₹)").fill("4,999");
    await page.getByRole("button", { name: "Create deal" }).click();
    await expect(page).toHaveURL(/\/deals$/);
  }

  const column = (page: Page, name: string) => page.getByRole("region", { name, exact: true });
  const card = (page: Page, stage: string, title: string) => column(page, stage).getByRole("listitem", { name: title });

  test("press, hold and drag a deal to a column off screen; it stays there after a reload", async ({ page, owner }) => {
    void owner;
    await createDeal(page, "Thumb deal");
    const board = page.getByRole("region", { name: "Deal pipeline" });
    const deal = card(page, "Qualification", "Thumb deal");
    await expect(deal).toHaveAttribute("aria-roledescription", "draggable card");
    await expect(column(page, "Negotiation")).not.toBeInViewport();

    const finger = await Finger.on(page);
    const start = await pickUp(finger, deal);
    await expect(page.locator("body > [aria-hidden=true]").getByText("Thumb deal", { exact: true })).toBeVisible();

    // Held at the board's right edge (the scroll zone is narrow on a phone), the board scrolls until Negotiation comes into view.
    const boardBox = (await board.boundingBox())!;
    const edge = { x: boardBox.x + boardBox.width - 10, y: start.y + 40 };
    await finger.glide(start, edge);
    const target = column(page, "Negotiation");
    await expect.poll(async () => (await target.boundingBox())?.x ?? Infinity, { intervals: [50] }).toBeLessThan(200);
    // Away from the edge the scrolling stops; then onto the column.
    const middle = { x: boardBox.x + boardBox.width / 2, y: edge.y };
    await finger.move(middle.x, middle.y);
    const targetBox = (await target.boundingBox())!;
    await finger.glide(middle, { x: Math.max(targetBox.x + 40, boardBox.x + 60), y: edge.y }, 4);
    await expect(target).toHaveClass(/ring-2/);
    await finger.up();

    await expect(card(page, "Negotiation", "Thumb deal")).toBeVisible();
    await expect(card(page, "Qualification", "Thumb deal")).toHaveCount(0);
    await expect(column(page, "Negotiation").getByTestId("column-totals")).toHaveText("1 deal · ₹4,999 · ₹3,749 weighted");
    // Nothing scrolled the page sideways on the way.
    expect(await page.evaluate(() => window.scrollX)).toBe(0);
    await expect(board).toBeVisible();

    await page.reload();
    await expect(card(page, "Negotiation", "Thumb deal")).toBeVisible();
    await expect(card(page, "Qualification", "Thumb deal")).toHaveCount(0);
  });

  test("a quick sideways swipe over a card scrolls the board and moves nothing", async ({ page, owner }) => {
    void owner;
    await createDeal(page, "Swiped deal");
    const board = page.getByRole("region", { name: "Deal pipeline" });
    const deal = card(page, "Qualification", "Swiped deal");
    await expect(deal).toHaveAttribute("aria-roledescription", "draggable card");

    const finger = await Finger.on(page);
    const from = await centerOf(deal.getByRole("link", { name: "Swiped deal" }));
    await finger.down(from.x, from.y);
    await finger.glide(from, { x: from.x - 200, y: from.y }, 6);
    await finger.up();

    await expect.poll(() => board.evaluate((element) => element.scrollLeft)).toBeGreaterThan(0);
    await expect(deal).not.toHaveAttribute("data-dragging", "true");
    await page.reload();
    await expect(card(page, "Qualification", "Swiped deal")).toBeAttached();
  });
});

test.describe("contacts board", () => {
  const column = (page: Page, label: string) => page.getByRole("region", { name: `${label} column` });
  const card = (page: Page, stage: string, name: string) => column(page, stage).getByRole("listitem", { name });

  test("press, hold and drag a contact to a column further down; it stays there after a reload", async ({ page, owner, appURL }) => {
    void owner;
    for (const [name, phone] of [
      ["Finger Lead", "9811200001"],
      ["Other Lead", "9811200002"],
      ["Third Lead", "9811200003"],
    ] as const) {
      const created = await trpcMutation(page.request, appURL, "contact.create", { name, phone });
      expect(created.status, created.text).toBe(200);
    }
    await page.goto("/board");
    const lead = card(page, "New", "Finger Lead");
    await expect(lead).toHaveAttribute("aria-roledescription", "draggable card");

    const finger = await Finger.on(page);
    const start = await pickUp(finger, lead);

    // The columns are stacked on a phone; held near the bottom, the page scrolls down to Interested.
    const height = page.viewportSize()!.height;
    const edge = { x: start.x, y: height - 30 };
    await finger.glide(start, edge);
    const target = column(page, "Interested");
    await expect.poll(async () => (await target.boundingBox())?.y ?? Infinity, { intervals: [50] }).toBeLessThan(height - 200);
    // Away from the edge the scrolling stops; then onto the column.
    const middle = { x: start.x, y: height / 2 };
    await finger.move(middle.x, middle.y);
    const targetBox = (await target.boundingBox())!;
    await finger.glide(middle, { x: start.x, y: targetBox.y + Math.min(targetBox.height / 2, 40) }, 4);
    await expect(target).toHaveClass(/ring-2/);
    await finger.up();

    await expect(card(page, "Interested", "Finger Lead")).toBeVisible();
    await expect(card(page, "New", "Finger Lead")).toHaveCount(0);
    await expect(card(page, "Interested", "Finger Lead")).not.toHaveAttribute("aria-busy", "true");

    await page.reload();
    await expect(card(page, "Interested", "Finger Lead")).toBeAttached();
    await expect(card(page, "New", "Finger Lead")).toHaveCount(0);
    await expect(card(page, "New", "Other Lead")).toBeAttached();
  });

  test("a quick swipe up over a card scrolls the page and moves nothing", async ({ page, owner, appURL }) => {
    void owner;
    for (let i = 1; i <= 6; i += 1) {
      const created = await trpcMutation(page.request, appURL, "contact.create", { name: `Swipe Lead ${i}`, phone: `981130000${i}` });
      expect(created.status, created.text).toBe(200);
    }
    await page.goto("/board");
    const lead = column(page, "New").getByRole("listitem").first();
    await expect(lead).toHaveAttribute("aria-roledescription", "draggable card");
    const name = (await lead.getAttribute("aria-label"))!;

    const finger = await Finger.on(page);
    const from = await centerOf(lead.getByRole("link", { name }));
    await finger.down(from.x, from.y);
    await finger.glide(from, { x: from.x, y: from.y - 250 }, 6);
    await finger.up();

    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    await expect(lead).not.toHaveAttribute("data-dragging", "true");
    await page.reload();
    await expect(card(page, "New", name)).toBeAttached();
  });
});

test.describe("without JavaScript at 360 px", () => {
  test.use({ javaScriptEnabled: false });

  test("the stage selector moves a card on both boards", async ({ page, owner, appURL }) => {
    void owner;
    const created = await trpcMutation(page.request, appURL, "contact.create", { name: "Plain Lead", phone: "9811400001" });
    expect(created.status, created.text).toBe(200);
    await page.goto("/board");
    const lead = page.getByRole("region", { name: "New column" }).getByRole("listitem", { name: "Plain Lead" });
    await expect(lead).not.toHaveAttribute("aria-roledescription", "draggable card");
    await lead.getByLabel("Stage for Plain Lead").selectOption({ label: "Engaged" });
    await lead.getByRole("button", { name: "Move Plain Lead" }).click();
    await expect(page.getByText("Moved Plain Lead to Engaged.")).toBeVisible();
    await expect(page.getByRole("region", { name: "Engaged column" }).getByRole("listitem", { name: "Plain Lead" })).toBeAttached();

    await page.goto("/deals/new");
    await page.getByLabel("Title").fill("Plain deal");
    await page.getByLabel("Value (₹)").fill("999");
    await page.getByRole("button", { name: "Create deal" }).click();
    await expect(page).toHaveURL(/\/deals$/);
    await page.getByLabel("Stage for Plain deal").selectOption({ label: "Demo" });
    await page.getByRole("button", { name: "Move Plain deal" }).click();
    await expect(page.getByRole("status")).toContainText("Moved “Plain deal” to Demo.");
    await expect(page.getByRole("region", { name: "Demo", exact: true }).getByRole("listitem", { name: "Plain deal" })).toBeAttached();
  });
});
