// Companies: create one, see its profile, start a deal for it; the same with
// JavaScript off; duplicates and bad websites come back as field errors.
import { expect, test, uniqueSuffix } from "./fixtures";

test("create a company, then a deal for it, and see the deal on the company and on the board", async ({ page, owner }, testInfo) => {
  void owner;
  const name = `Dalal Street Academy ${uniqueSuffix(testInfo)}`;
  await page.goto("/companies");
  await expect(page.getByRole("heading", { level: 1, name: "Companies" })).toBeVisible();
  await page.getByLabel("Company name").fill(name);
  await page.getByLabel("Industry").fill("Trading academy");
  await page.getByLabel("Size").selectOption("11-50");
  await page.getByLabel("Website").fill("DalalStreet.example.in/");
  await page.getByRole("button", { name: "Add company" }).click();

  await expect(page).toHaveURL(/\/companies\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByRole("status")).toContainText(`${name} added.`);
  await expect(page.getByRole("link", { name: "dalalstreet.example.in" })).toHaveAttribute("href", "https://dalalstreet.example.in");
  await expect(page.getByText("Trading academy · 11-50 people")).toBeVisible();

  await page.getByRole("link", { name: "New deal" }).click();
  await expect(page).toHaveURL(/\/deals\/new\?companyId=/);
  await expect(page.getByLabel("Company", { exact: true })).toHaveValue(/[0-9a-f-]{36}/);
  await page.getByLabel("Title").fill("Academy batch licence");
  await page.getByLabel("Value (₹)").fill("1,24,999");
  await page.getByRole("button", { name: "Create deal" }).click();

  await expect(page).toHaveURL(/\/deals$/);
  const qualification = page.getByRole("region", { name: "Qualification", exact: true });
  const card = qualification.getByRole("listitem", { name: "Academy batch licence" });
  await expect(card).toContainText("₹1,24,999");
  await expect(card).toContainText(name);
  await expect(qualification.getByTestId("column-totals")).toHaveText("1 deal · ₹1,24,999 · ₹12,500 weighted");

  await page.goto("/companies");
  await page.getByRole("link", { name }).click();
  const deals = page.getByRole("list", { name: "Deals with this company" });
  await expect(deals.getByRole("link", { name: "Academy batch licence" })).toBeVisible();
  await expect(deals).toContainText("₹1,24,999");
});

test("a duplicate name and a bad website come back as field errors", async ({ page, owner }, testInfo) => {
  void owner;
  const name = `Koramangala Prop Desk ${uniqueSuffix(testInfo)}`;
  await page.goto("/companies");
  await page.getByLabel("Company name").fill(name);
  await page.getByRole("button", { name: "Add company" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

  await page.goto("/companies");
  await page.getByLabel("Company name").fill(name.toUpperCase());
  await page.getByLabel("Website").fill("javascript:alert(1)");
  await page.getByRole("button", { name: "Add company" }).click();
  await expect(page.getByLabel("Website")).toHaveAccessibleDescription("Enter a web address, like zerodha.com");
  await page.getByLabel("Website").fill("koramangala.example.in");
  await page.getByRole("button", { name: "Add company" }).click();
  await expect(page.getByLabel("Company name")).toHaveAccessibleDescription(/already exists/);
  await expect(page).toHaveURL(/\/companies$/);
});

test.describe("with JavaScript off", () => {
  test.use({ javaScriptEnabled: false });

  test("create, search, edit and delete a company with plain forms", async ({ page, owner }, testInfo) => {
    void owner;
    const name = `Marine Drive Securities ${uniqueSuffix(testInfo)}`;
    await page.goto("/companies");
    await page.getByLabel("Company name").fill(name);
    await page.getByLabel("Website").fill("marinedrive.example.in");
    await page.getByRole("button", { name: "Add company" }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

    await page.goto("/companies");
    await page.getByRole("searchbox", { name: "Search by name" }).fill("marine");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/\?q=marine$/);
    await expect(page.getByRole("list", { name: "Companies" }).getByRole("link")).toHaveText([name]);

    await page.getByRole("link", { name }).click();
    await page.getByLabel("Industry").fill("Stock brokerage");
    await page.getByLabel("Size").selectOption("201-1000");
    await page.getByRole("button", { name: "Save company" }).click();
    await expect(page.getByRole("status")).toContainText("Company saved.");
    await expect(page.getByText("Stock brokerage · 201-1000 people")).toBeVisible();

    await page.getByText("Delete this company…").click();
    await page.getByRole("button", { name: `Yes, delete ${name}` }).click();
    await expect(page).toHaveURL(/\/companies$/);
    await expect(page.getByRole("status")).toContainText("Company deleted.");
    await expect(page.getByRole("link", { name })).toHaveCount(0);
  });
});
