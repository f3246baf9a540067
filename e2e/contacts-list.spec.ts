// The contacts list: filters, search, sort and paging live in the URL and work
// without JavaScript; bulk actions on checked rows (a plain POST) and on "all
// matching" (with JavaScript); a delete that asks first; no sideways scroll
// on a 360-px phone. Each test signs up its own organization and contacts.
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, gotoHydrated, test, trpcMutation } from "./fixtures";

type NewContact = { name: string; phone: string; stage?: string; temperature?: string; score?: number; email?: string };

async function createContacts(request: APIRequestContext, appURL: string, contacts: NewContact[]) {
  for (const contact of contacts) {
    const result = await trpcMutation(request, appURL, "contact.create", contact);
    expect(result.status, `create ${contact.name}: ${result.text}`).toBe(200);
  }
}

/** "Lead 01" … with distinct valid mobile numbers and scores 1…n. */
function leads(count: number, extra: Partial<NewContact> = {}): NewContact[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `Lead ${String(i + 1).padStart(2, "0")}`,
    phone: `97${String(10_000_000 + i * 7).padStart(8, "0")}`,
    score: i + 1,
    ...extra,
  }));
}

function table(page: Page) {
  return page.getByRole("table", { name: "Contacts" });
}

/** Contact names on the page, in order. */
async function namesOnPage(page: Page): Promise<string[]> {
  // Without JavaScript a link is a full page load: read the rows once all have arrived.
  await page.waitForLoadState("load");
  return table(page).locator("tbody").getByRole("link").allTextContents();
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("search, filter, sort and page, all in the URL", async ({ page, owner, appURL }) => {
    void owner;
    await createContacts(page.request, appURL, [
      ...leads(30, { stage: "NEGOTIATION", temperature: "WARM" }),
      { name: "Ravi Kumar", phone: "098765-43210", stage: "INTERESTED", temperature: "HOT", score: 95, email: "ravi@example.in" },
      { name: "Anita Desai", phone: "+91 90000 43210", stage: "ENGAGED", temperature: "COLD", score: 40 },
    ]);

    await page.goto("/contacts");
    await expect(page.getByRole("heading", { level: 1, name: "Contacts" })).toBeVisible();
    await expect(page.getByText("32 contacts", { exact: true })).toBeVisible();

    // Search by the last digits of a phone number, from the search box.
    await page.getByRole("searchbox", { name: "Search" }).fill("43210");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expect(page).toHaveURL(/[?&]q=43210/);
    expect((await namesOnPage(page)).sort()).toEqual(["Anita Desai", "Ravi Kumar"]);
    await expect(table(page).getByRole("row", { name: /Ravi Kumar/ })).toContainText("+91 98765 43210");

    // The full number in another common format finds exactly one person.
    await page.getByRole("searchbox", { name: "Search" }).fill("98765 43210");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    expect(await namesOnPage(page)).toEqual(["Ravi Kumar"]);

    // A name prefix, any case.
    await page.goto("/contacts?q=ANI");
    expect(await namesOnPage(page)).toEqual(["Anita Desai"]);

    // A filter from the form: stage Negotiation (checkbox inside the Stage list).
    await page.goto("/contacts");
    await page.locator("summary", { hasText: "Stage" }).click();
    await page.getByRole("checkbox", { name: "Negotiation" }).check();
    await page.getByRole("button", { name: "Apply stage filter" }).click();
    await expect(page).toHaveURL(/[?&]stage=NEGOTIATION/);
    await expect(page.getByText("30 contacts match this view")).toBeVisible();

    // Sorting by score with a header link, 25 a page; pages neither overlap nor skip.
    await page.goto("/contacts?stage=NEGOTIATION&perPage=25");
    await table(page).getByRole("link", { name: /^Sort by score/ }).click();
    await expect(page).toHaveURL(/sort=score&dir=desc/);
    await expect(table(page).getByRole("columnheader", { name: /score/i })).toHaveAttribute("aria-sort", "descending");
    const first = await namesOnPage(page);
    expect(first).toHaveLength(25);
    expect(first[0]).toBe("Lead 30");
    await expect(page.getByText("1–25 of 30")).toBeVisible();
    await page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Next" }).click();
    await expect(page).toHaveURL(/page=2/);
    const second = await namesOnPage(page);
    expect(second).toEqual(["Lead 05", "Lead 04", "Lead 03", "Lead 02", "Lead 01"]);
    expect(new Set([...first, ...second]).size).toBe(30);

    // The other direction from the header.
    await table(page).getByRole("link", { name: /^Sort by score/ }).click();
    await expect(page).toHaveURL(/dir=asc/);
    expect((await namesOnPage(page))[0]).toBe("Lead 01");

    // A bad address answers 400 with a message, not a crash.
    const bad = await page.goto("/contacts?stage=WON&perPage=30");
    expect(bad?.status()).toBe(400);
    await expect(page.getByRole("alert")).toContainText("Unknown stage");
    await expect(page.getByRole("alert")).toContainText("Show 25, 50 or 100 per page");
    await page.getByRole("link", { name: "Show all contacts" }).click();
    await expect(page.getByText("32 contacts", { exact: true })).toBeVisible();

    // Nothing matching: an empty state with a way back.
    await page.goto("/contacts?q=nobody-like-this");
    await expect(page.getByText("No contacts match this view.")).toBeVisible();

    // The search box says what it matches; a search that finds nothing explains it again.
    await expect(page.getByRole("searchbox", { name: "Search" })).toHaveAccessibleDescription(/start of any word of a name.*last digits of a phone/);
    await expect(page.getByText(/Search finds the start of any word of a name/)).toBeVisible();
    // A surname alone, any case, finds the contact.
    await page.goto("/contacts?q=desai");
    await expect(page.getByText("1 contact matches this view")).toBeVisible();
    expect(await namesOnPage(page)).toEqual(["Anita Desai"]);
    await page.goto("/contacts?q=Anita");
    await expect(page.getByText("1 contact matches this view")).toBeVisible();
  });

  test("check rows, change their stage, and delete one after confirming", async ({ page, owner, appURL }) => {
    void owner;
    await createContacts(page.request, appURL, [
      { name: "Asha Rao", phone: "9811111111" },
      { name: "Bilal Shaikh", phone: "9822222222" },
      { name: "Chitra Iyer", phone: "9833333333" },
    ]);
    await page.goto("/contacts?sort=name&dir=asc");
    await page.getByRole("checkbox", { name: "Select Asha Rao" }).check();
    await page.getByRole("checkbox", { name: "Select Chitra Iyer" }).check();
    await page.getByRole("combobox", { name: "Bulk action" }).selectOption({ label: "Engaged" });
    await page.getByRole("button", { name: "Apply", exact: true }).click();
    await expect(page.getByText("Moved 2 contacts to Engaged.")).toBeVisible();
    await expect(page).toHaveURL(/\/contacts\?sort=name&dir=asc$/);
    await expect(table(page).getByRole("row", { name: /Asha Rao/ })).toContainText("Engaged");
    await expect(table(page).getByRole("row", { name: /Bilal Shaikh/ })).toContainText("New");
    await expect(table(page).getByRole("row", { name: /Chitra Iyer/ })).toContainText("Engaged");

    // Nothing checked: a clear refusal, nothing changes.
    await page.getByRole("combobox", { name: "Bulk action" }).selectOption({ label: "Churned" });
    await page.getByRole("button", { name: "Apply", exact: true }).click();
    await expect(page.getByText("Select at least one contact, or choose all matching this filter.")).toBeVisible();

    // Delete asks first, saying how many.
    await page.getByRole("checkbox", { name: "Select Bilal Shaikh" }).check();
    await page.getByRole("combobox", { name: "Bulk action" }).selectOption({ label: "Delete contacts…" });
    await page.getByRole("button", { name: "Apply", exact: true }).click();
    const confirm = page.getByRole("alertdialog", { name: "Delete 1 contact?" });
    await expect(confirm).toBeVisible();
    expect(await namesOnPage(page)).toContain("Bilal Shaikh");
    await confirm.getByRole("button", { name: "Delete 1 contact" }).click();
    await expect(page.getByText("Deleted 1 contact.")).toBeVisible();
    expect(await namesOnPage(page)).toEqual(["Asha Rao", "Chitra Iyer"]);
  });
});

test.describe("with JavaScript", () => {
  test("while a delete waits for confirmation the bar counts what it would delete", async ({ page, owner, appURL }) => {
    void owner;
    await createContacts(page.request, appURL, [
      { name: "Dev Malhotra", phone: "9866666666" },
      { name: "Esha Gupta", phone: "9877777777" },
    ]);
    await gotoHydrated(page, "/contacts?sort=name&dir=asc");
    await page.getByRole("checkbox", { name: "Select Esha Gupta" }).check();
    await expect(page.getByRole("radio", { name: "Selected rows (1)" })).toBeChecked();
    await page.getByRole("combobox", { name: "Bulk action" }).selectOption({ label: "Delete contacts…" });
    await page.getByRole("button", { name: "Apply", exact: true }).click();
    await expect(page.getByRole("alertdialog", { name: "Delete 1 contact?" })).toBeVisible();
    await expect(page.getByRole("radio", { name: "Selected rows (1)" })).toBeChecked();
    await expect(page.getByRole("checkbox", { name: "Select Esha Gupta" })).toBeChecked();
    await expect(page.getByRole("radio", { name: "Selected rows (0)" })).toHaveCount(0);
    await page.getByRole("link", { name: "Cancel" }).click();
    await expect(page.getByRole("radio", { name: "Selected rows (0)" })).toBeVisible();
  });

  test("select all matching across pages and add a tag", async ({ page, owner, appURL }) => {
    void owner;
    await createContacts(page.request, appURL, [...leads(30, { temperature: "HOT" }), { name: "Cold Caller", phone: "9844444444", temperature: "COLD" }]);
    const tag = await trpcMutation(page.request, appURL, "tag.create", { name: "vip", color: "emerald" });
    expect(tag.status, tag.text).toBe(200);

    await gotoHydrated(page, "/contacts?temperature=HOT&perPage=25&sort=name&dir=asc");
    await expect(page.getByText("30 contacts match this view")).toBeVisible();
    await page.getByRole("checkbox", { name: "Select all on this page" }).check();
    await expect(page.getByRole("checkbox", { name: "Select Lead 01" })).toBeChecked();
    await page.getByRole("button", { name: "Select all 30 matching this filter" }).click();
    await expect(page.getByText("All 30 contacts matching this filter are selected.")).toBeVisible();
    await expect(page.getByRole("radio", { name: "All 30 matching this filter" })).toBeChecked();
    await page.getByRole("combobox", { name: "Bulk action" }).selectOption({ label: "Add tag: vip" });
    await page.getByRole("button", { name: "Apply", exact: true }).click();
    await expect(page.getByText("Added tag vip to 30 contacts.")).toBeVisible();

    // On both pages every row carries the tag; the contact outside the filter does not.
    await expect(table(page).getByRole("row", { name: /Lead 01/ })).toContainText("vip");
    await page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Next" }).click();
    await expect(page).toHaveURL(/page=2/);
    await expect(table(page).getByRole("row", { name: /Lead 30/ })).toContainText("vip");
    await page.goto("/contacts?q=Cold");
    await expect(table(page).getByRole("row", { name: /Cold Caller/ })).not.toContainText("vip");

    // Running it again counts those that already had it.
    await gotoHydrated(page, "/contacts?temperature=HOT");
    await page.getByRole("radio", { name: "All 30 matching this filter" }).check();
    await page.getByRole("combobox", { name: "Bulk action" }).selectOption({ label: "Add tag: vip" });
    await page.getByRole("button", { name: "Apply", exact: true }).click();
    await expect(page.getByText("Added tag vip to 0 contacts; 30 already had it.")).toBeVisible();
  });

  test.describe("on a 360-px phone", () => {
    test.use({ viewport: { width: 360, height: 740 } });

    test("the list is cards and never scrolls sideways", async ({ page, owner, appURL }) => {
      void owner;
      await createContacts(page.request, appURL, [
        { name: "Lakshmi Venkataraman Subramanian", phone: "9855555555", email: "lakshmi.venkataraman.subramanian@example-company.co.in", score: 88 },
        ...leads(5),
      ]);
      for (const path of ["/contacts", "/contacts?q=Lakshmi", "/contacts?stage=WON"]) {
        await page.goto(path);
        const widths = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
        expect(widths[0], `${path} scrolls sideways`).toBeLessThanOrEqual(widths[1]!);
      }
      await page.goto("/contacts");
      await expect(page.getByRole("link", { name: "Lakshmi Venkataraman Subramanian" })).toBeVisible();
      // The column headers give way to labels inside each card.
      await expect(page.getByRole("columnheader", { name: /score/i })).toBeHidden();
      await expect(page.getByRole("row", { name: /Lakshmi/ }).getByText("Phone")).toBeVisible();
    });
  });
});
