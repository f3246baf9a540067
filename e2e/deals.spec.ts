// The deals board: drag and drop with JavaScript (totals and forecast follow),
// the stage selector without it, pipeline renames, and a 360-px phone.
import type { Page } from "@playwright/test";
import { expect, sameOrigin, test } from "./fixtures";
import { expectNothingWiderThanViewport } from "./viewport";

async function createDeal(page: Page, input: { title: string; value: string; stage?: string }) {
  await page.goto("/deals/new");
  await page.getByLabel("Title").fill(input.title);
  await page.getByLabel("Value (₹)").fill(input.value);
  if (input.stage) await page.getByLabel("Stage", { exact: true }).selectOption({ label: input.stage });
  await page.getByRole("button", { name: "Create deal" }).click();
  await expect(page).toHaveURL(/\/deals$/);
  await expect(page.getByRole("listitem", { name: input.title })).toBeVisible();
}

function column(page: Page, name: string) {
  return page.getByRole("region", { name, exact: true });
}

function totals(page: Page, name: string) {
  return column(page, name).getByTestId("column-totals");
}

function forecast(page: Page, label: "Open pipeline" | "Weighted forecast" | "Won this month") {
  return page.getByRole("group", { name: label });
}

test.describe("with JavaScript, on a wide screen", () => {
  test.use({ viewport: { width: 1920, height: 1000 } });

  test("drag a deal to another stage: the card moves, column totals and the weighted forecast follow", async ({ page, owner }) => {
    void owner;
    await createDeal(page, { title: "BankNifty Scalper Pro", value: "10,000" });
    await createDeal(page, { title: "Sensex Swing Suite", value: "4,999.50", stage: "Demo (25%)" });

    await expect(totals(page, "Qualification")).toHaveText("1 deal · ₹10,000 · ₹1,000 weighted");
    await expect(totals(page, "Demo")).toHaveText("1 deal · ₹4,999.50 · ₹1,250 weighted");
    await expect(forecast(page, "Weighted forecast")).toHaveText(/^Weighted forecast\s*₹2,250\s*value × probability, to the nearest rupee$/);
    await expect(forecast(page, "Open pipeline")).toContainText("₹14,999.50");

    const card = column(page, "Qualification").getByRole("listitem", { name: "BankNifty Scalper Pro" });
    await expect(card).toHaveAttribute("aria-roledescription", "draggable card");
    await card.dragTo(column(page, "Negotiation"));

    await expect(column(page, "Negotiation").getByRole("listitem", { name: "BankNifty Scalper Pro" })).toBeVisible();
    await expect(column(page, "Qualification").getByRole("listitem", { name: "BankNifty Scalper Pro" })).toHaveCount(0);
    await expect(totals(page, "Negotiation")).toHaveText("1 deal · ₹10,000 · ₹7,500 weighted");
    await expect(totals(page, "Qualification")).toHaveText("0 deals · ₹0 · ₹0 weighted");
    await expect(forecast(page, "Weighted forecast")).toContainText("₹8,750");
    await expect(column(page, "Negotiation").getByRole("listitem", { name: "BankNifty Scalper Pro" })).toContainText("75%");

    // Dropped on Won: it leaves the open pipeline and counts as won this month.
    await column(page, "Negotiation").getByRole("listitem", { name: "BankNifty Scalper Pro" }).dragTo(column(page, "Won"));
    await expect(totals(page, "Won")).toHaveText("1 deal · ₹10,000 · ₹10,000 weighted");
    await expect(forecast(page, "Won this month")).toContainText("₹10,000");
    await expect(forecast(page, "Open pipeline")).toContainText("₹4,999.50");

    // The move was saved: a fresh load shows the same board.
    await page.reload();
    await expect(column(page, "Won").getByRole("listitem", { name: "BankNifty Scalper Pro" })).toBeVisible();
  });

  test("a move the server refuses goes back, with an error toast naming who moved it", async ({ page, owner, appURL }) => {
    // No live updates on this page, so it keeps showing the deal as it was before someone else moved it.
    await page.route((url) => url.pathname === "/api/events", (route) => route.abort());
    await createDeal(page, { title: "Contested deal", value: "7,999" });
    // Someone else moves it first (through the page's own form post), so this page's version is stale.
    const response = await page.request.post("/deals", {
      form: {
        intent: "move",
        dealId: (await page.getByRole("listitem", { name: "Contested deal" }).locator("input[name=dealId]").inputValue()),
        version: "1",
        stageId: await page.getByLabel("Stage for Contested deal").locator("option", { hasText: "Proposal" }).getAttribute("value") ?? "",
      },
      headers: sameOrigin(appURL),
      maxRedirects: 0,
    });
    expect(response.status()).toBe(302);

    await expect(page.getByRole("listitem", { name: "Contested deal" })).toHaveAttribute("aria-roledescription", "draggable card");
    await column(page, "Qualification").getByRole("listitem", { name: "Contested deal" }).dragTo(column(page, "Demo"));
    await expect(page.getByRole("alert").filter({ hasText: `Changed by ${owner.name} at` })).toBeVisible();
    // The card shows where the deal really is now, not where it was dropped.
    await expect(column(page, "Proposal").getByRole("listitem", { name: "Contested deal" })).toBeVisible();
    await expect(column(page, "Demo").getByRole("listitem", { name: "Contested deal" })).toHaveCount(0);
  });
});

test("with JavaScript the keyboard moves a deal with its stage selector, and the focus stays on it", async ({ page, owner }) => {
  void owner;
  await page.setViewportSize({ width: 1920, height: 1000 });
  await createDeal(page, { title: "Keyboard deal", value: "1,499" });
  await expect(page.getByRole("listitem", { name: "Keyboard deal" })).toHaveAttribute("aria-roledescription", "draggable card");

  const select = page.getByLabel("Stage for Keyboard deal");
  await select.focus();
  await select.selectOption({ label: "Proposal" });
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Move Keyboard deal" })).toBeFocused();
  await page.keyboard.press("Enter");

  await expect(column(page, "Proposal").getByRole("listitem", { name: "Keyboard deal" })).toBeVisible();
  await expect(totals(page, "Proposal")).toHaveText("1 deal · ₹1,499 · ₹750 weighted");
  await expect(page.getByLabel("Stage for Keyboard deal")).toBeFocused();
  await page.reload();
  await expect(column(page, "Proposal").getByRole("listitem", { name: "Keyboard deal" })).toBeVisible();
});

test("drag a pipeline stage to reorder it; the board follows", async ({ page, owner }) => {
  void owner;
  await page.goto("/settings/pipeline");
  const stages = page.getByRole("list", { name: "Stages" });
  await stages.getByRole("listitem", { name: "Negotiation" }).getByTestId("stage-handle").dragTo(stages.getByRole("listitem", { name: "Demo" }));
  await expect(page.getByRole("status")).toContainText("Pipeline order saved.");
  await page.goto("/deals");
  await expect(page.getByRole("heading", { level: 2 })).toHaveText(["Qualification", "Negotiation", "Demo", "Proposal", "Won", "Lost"]);
});

test("another person's move shows up on an open board without reloading", async ({ page, owner, appURL }) => {
  void owner;
  await createDeal(page, { title: "Live deal", value: "9,999" });
  const card = page.getByRole("listitem", { name: "Live deal" });
  const dealId = await card.locator("input[name=dealId]").inputValue();
  const wonId = await page.getByLabel("Stage for Live deal").locator("option", { hasText: "Won" }).getAttribute("value");
  // The page is listening before the change happens.
  await expect(page.getByTitle("Live updates: Live").last()).toBeVisible();

  const elsewhere = await page.context().request.post("/deals", {
    form: { intent: "move", dealId, stageId: wonId ?? "", version: "1" },
    headers: sameOrigin(appURL),
    maxRedirects: 0,
  });
  expect(elsewhere.status()).toBe(302);
  await expect(column(page, "Won").getByRole("listitem", { name: "Live deal" })).toBeVisible();
  await expect(totals(page, "Won")).toHaveText("1 deal · ₹9,999 · ₹9,999 weighted");
});

test("rename a pipeline stage and see the new name on the board", async ({ page, owner }) => {
  void owner;
  await page.goto("/settings/pipeline");
  await page.getByLabel("Name of Demo").fill("Live demo");
  await page.getByLabel("Probability of Demo (%)").fill("30");
  await page.getByRole("button", { name: "Save Demo" }).click();
  await expect(page.getByRole("status")).toContainText("Stage “Live demo” saved.");

  await page.goto("/deals");
  await expect(page.getByRole("heading", { level: 2, name: "Live demo" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Demo", exact: true })).toHaveCount(0);
  await expect(column(page, "Live demo")).toContainText("30%");
});

test.describe("with JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("create a deal and move it with the stage selector", async ({ page, owner }) => {
    void owner;
    await createDeal(page, { title: "Lifetime All-Access", value: "24,999" });
    await expect(totals(page, "Qualification")).toHaveText("1 deal · ₹24,999 · ₹2,500 weighted");

    await page.getByLabel("Stage for Lifetime All-Access").selectOption({ label: "Proposal" });
    await page.getByRole("button", { name: "Move Lifetime All-Access" }).click();

    await expect(page).toHaveURL(/\/deals$/);
    await expect(page.getByRole("status")).toContainText("Moved “Lifetime All-Access” to Proposal.");
    await expect(column(page, "Proposal").getByRole("listitem", { name: "Lifetime All-Access" })).toContainText("50%");
    await expect(totals(page, "Proposal")).toHaveText("1 deal · ₹24,999 · ₹12,500 weighted");
    await expect(totals(page, "Qualification")).toHaveText("0 deals · ₹0 · ₹0 weighted");
    await expect(forecast(page, "Weighted forecast")).toContainText("₹12,500");

    await page.getByLabel("Stage for Lifetime All-Access").selectOption({ label: "Lost" });
    await page.getByRole("button", { name: "Move Lifetime All-Access" }).click();
    await expect(totals(page, "Lost")).toHaveText("1 deal · ₹24,999 · ₹0 weighted");
    await expect(forecast(page, "Open pipeline")).toContainText("₹0");
  });

  test("a close date reads like every other date, on the card and in the list", async ({ page, owner }) => {
    void owner;
    await page.goto("/deals/new");
    await page.getByLabel("Title").fill("Dated deal");
    await page.getByLabel("Value (₹)").fill("7,999");
    await page.getByLabel("Expected close date").fill("2030-12-02");
    await page.getByRole("button", { name: "Create deal" }).click();
    await expect(page).toHaveURL(/\/deals$/);
    const card = page.getByRole("listitem", { name: "Dated deal" });
    await expect(card).toContainText("10% · closes 2 Dec 2030");
    await expect(card).not.toContainText("2030-12-02");

    await page.goto("/deals?view=list");
    await expect(page.getByRole("row", { name: /Dated deal/ })).toContainText("2 Dec 2030");
    await expect(page.getByRole("row", { name: /Dated deal/ })).not.toContainText("2030-12-02");
  });

  test("a bad value comes back from the server as a field error, nothing created", async ({ page, owner }) => {
    void owner;
    await page.goto("/deals/new");
    await page.getByLabel("Title").fill("Too precise");
    await page.getByLabel("Value (₹)").fill("4999.999");
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/deals/new")),
      page.getByRole("button", { name: "Create deal" }).click(),
    ]);
    expect(response.status()).toBe(400);
    await expect(page.getByLabel("Value (₹)")).toHaveAccessibleDescription("Use at most 2 decimal places (paise)");
    await expect(page.getByLabel("Title")).toHaveValue("Too precise");
    await page.goto("/deals");
    await expect(page.getByRole("listitem", { name: "Too precise" })).toHaveCount(0);
  });

  test("reorder pipeline stages with the arrow buttons", async ({ page, owner }) => {
    void owner;
    await page.goto("/settings/pipeline");
    await page.getByRole("button", { name: "Move Proposal up" }).click();
    await expect(page.getByRole("status")).toContainText("Pipeline order saved.");
    await page.goto("/deals");
    await expect(page.getByRole("heading", { level: 2 })).toHaveText(["Qualification", "Proposal", "Demo", "Negotiation", "Won", "Lost"]);
  });
});

test("the board works on a 360-px phone: the columns scroll inside the board, the page does not", async ({ page, owner }) => {
  void owner;
  await page.setViewportSize({ width: 360, height: 740 });
  await createDeal(page, { title: "Phone deal", value: "4,999" });
  const board = page.getByRole("region", { name: "Deal pipeline" });
  await expect(board).toBeVisible();

  await expectNothingWiderThanViewport(page);
  const boardWidths = await board.evaluate((element) => ({ scroll: element.scrollWidth, client: element.clientWidth }));
  expect(boardWidths.scroll).toBeGreaterThan(boardWidths.client);

  // Scrolling the board reaches the last column without moving the page sideways.
  await board.evaluate((element) => element.scrollTo({ left: element.scrollWidth }));
  await expect(column(page, "Lost")).toBeInViewport();
  expect(await page.evaluate(() => window.scrollX)).toBe(0);

  // The stage selector works with a thumb, too.
  await page.getByLabel("Stage for Phone deal").selectOption({ label: "Won" });
  await page.getByRole("button", { name: "Move Phone deal" }).click();
  await expect(column(page, "Won").getByRole("listitem", { name: "Phone deal" })).toBeVisible();
  await expect(totals(page, "Won")).toHaveText("1 deal · ₹4,999 · ₹4,999 weighted");
});
