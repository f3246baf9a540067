// The app shell on a 360 px phone: no sideways scrolling, a menu that opens
// without JavaScript, and the dashboard readable.
import { expect, submitSignIn, test } from "./fixtures";
import type { Page } from "@playwright/test";
import { expectNothingWiderThanViewport } from "./viewport";

function menu(page: Page) {
  return page.getByRole("banner").getByText("Menu", { exact: true });
}

async function openMenuAndGoTo(page: Page, link: string) {
  await menu(page).click();
  const nav = page.getByRole("banner").getByRole("navigation", { name: "Main" });
  await expect(nav).toBeVisible();
  await nav.getByRole("link", { name: link }).click();
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });

    test("a fresh user signs in; the shell fits the phone and the menu reaches Settings", async ({
      page,
      registered,
    }) => {
      await page.goto("/login");
      await expectNothingWiderThanViewport(page);
      await submitSignIn(page, registered.email, registered.password);
      await expect(page).toHaveURL(/\/dashboard$/);

      // The dashboard's KPI cards are on screen.
      for (const label of ["Contacts", "Hot leads", "Converted", "Team members", "Active products"]) {
        await expect(page.getByRole("term").filter({ hasText: label })).toBeInViewport();
      }
      await expect(page.getByTestId("kpi-members")).toHaveText("1");
      await expectNothingWiderThanViewport(page);

      // Live updates: with JavaScript the header goes from Connecting to Live; without it
      // there are none, and the header says so instead of "Connecting" forever.
      const banner = page.getByRole("banner");
      if (javaScriptEnabled) {
        await expect(banner.getByTitle("Live updates: Live")).toBeVisible();
      } else {
        // (The words sit in a <noscript>, which Playwright's text queries skip: found by test id.)
        await expect(banner.getByTestId("live-status")).toHaveText("Live updates need JavaScript");
        await expect(banner.getByTestId("live-status")).toBeVisible();
        await expect(page.getByText("Connecting")).toHaveCount(0);
        // The wide screen's sidebar too.
        await page.setViewportSize({ width: 1280, height: 800 });
        await expect(page.getByRole("complementary").getByTestId("live-status")).toBeVisible();
        await expect(page.getByText("Connecting")).toHaveCount(0);
        await page.setViewportSize({ width: 360, height: 740 });
      }

      // The sidebar is hidden behind the Menu; the navigation is not visible until it opens.
      await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
      await openMenuAndGoTo(page, "Settings");
      await expect(page).toHaveURL(/\/settings$/);
      await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
      await expect(page.getByText(registered.organizationName, { exact: true })).toBeVisible();
      await expectNothingWiderThanViewport(page);

      for (const path of ["/settings/members", "/settings/security", "/outbox", "/organizations/new"]) {
        await page.goto(path);
        await expectNothingWiderThanViewport(page);
      }

      // The menu also holds the account actions.
      await menu(page).click();
      await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
      await expect(page).toHaveURL(/\/login$/);
    });
  });
}

test("sign-up and a long invitation link still fit the phone", async ({ page, owner }) => {
  await page.goto("/signup");
  await expectNothingWiderThanViewport(page);
  await page.goto("/settings/members");
  await page.getByLabel("Email", { exact: true }).fill(`a-rather-long-address-for-a-phone-${Date.now()}@e2e.test`);
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByRole("textbox", { name: "Invitation link" })).toBeVisible();
  await expectNothingWiderThanViewport(page);
  await expect(page.getByRole("list", { name: "Members" })).toContainText(owner.email);
});

test("choosing a page from the menu closes the menu", async ({ page, owner }) => {
  void owner;
  await page.goto("/dashboard");
  await openMenuAndGoTo(page, "Settings");
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByRole("banner").getByRole("navigation", { name: "Main" })).toBeHidden({ timeout: 2_000 });
});
