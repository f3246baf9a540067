import { expect, test } from "./fixtures";
import type { Page } from "@playwright/test";

const THEME_BUTTON = {
  system: "System theme → Light",
  light: "Light theme → Dark",
  dark: "Dark theme → System",
} as const;

/** The <html> start tag exactly as the server sent it, fetched with this page's cookies. */
async function serverHtmlTag(page: Page, path: string): Promise<string> {
  const response = await page.request.get(path);
  expect(response.status()).toBe(200);
  return /<html\b[^>]*>/.exec(await response.text())?.[0] ?? "";
}

test("the theme toggle cycles system → light → dark → system, rendered by the server", async ({
  page,
  owner,
  browser,
  appURL,
}) => {
  void owner;
  await page.goto("/settings");
  const html = page.locator("html");
  await expect(html).not.toHaveClass(/\b(light|dark)\b/);

  await page.getByRole("button", { name: THEME_BUTTON.system }).click();
  await expect(page.getByRole("button", { name: THEME_BUTTON.light })).toBeVisible();
  await expect(html).toHaveClass("light");
  await expect(page).toHaveURL(/\/settings$/);

  await page.getByRole("button", { name: THEME_BUTTON.light }).click();
  await expect(page.getByRole("button", { name: THEME_BUTTON.dark })).toBeVisible();
  await expect(html).toHaveClass("dark");

  // No flash: the very HTML the server sends already says dark, signed in or not.
  expect(await serverHtmlTag(page, "/dashboard")).toMatch(/class="dark"/);
  expect(await serverHtmlTag(page, "/login?redirectTo=%2Fdashboard")).toMatch(/class="dark"/);

  // A full page load with JavaScript off (same cookies) is dark from the start.
  const noScript = await browser.newContext({
    baseURL: appURL,
    javaScriptEnabled: false,
    storageState: await page.context().storageState(),
  });
  try {
    const staticPage = await noScript.newPage();
    await staticPage.goto("/settings/members");
    await expect(staticPage.locator("html")).toHaveClass("dark");
    await expect(staticPage.getByRole("button", { name: THEME_BUTTON.dark })).toBeVisible();
  } finally {
    await noScript.close();
  }

  await page.reload();
  await expect(html).toHaveClass("dark");
  await page.getByRole("button", { name: THEME_BUTTON.dark }).click();
  await expect(page.getByRole("button", { name: THEME_BUTTON.system })).toBeVisible();
  await expect(html).not.toHaveClass(/\b(light|dark)\b/);
  expect(await serverHtmlTag(page, "/dashboard")).not.toMatch(/\b(light|dark)\b/);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the theme toggle is a plain form", async ({ page, owner }) => {
    void owner;
    await page.goto("/outbox?channel=EMAIL");
    await page.getByRole("button", { name: THEME_BUTTON.system }).click();
    await expect(page).toHaveURL(/\/outbox\?channel=EMAIL$/);
    await expect(page.locator("html")).toHaveClass("light");
    await page.getByRole("button", { name: THEME_BUTTON.light }).click();
    await expect(page.locator("html")).toHaveClass("dark");
  });
});

test.describe("error pages", () => {
  test("a non-existent outbox message shows a 404 page with a way to try again", async ({ page, owner }) => {
    void owner;
    const path = "/outbox/6f1c2b7e-0000-4000-8000-000000000000";
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
    const error = page.getByRole("alert");
    await expect(error).toContainText("Error 404");
    await expect(error.getByRole("heading", { name: "We couldn't find that" })).toBeVisible();
    await expect(error).toContainText("Message not found.");
    const tryAgain = error.getByRole("link", { name: "Try again" });
    await expect(tryAgain).toHaveAttribute("href", path);
    await expect(error.getByRole("link", { name: "Go to dashboard" })).toBeVisible();
    // The app around it still works.
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();

    await tryAgain.click();
    await expect(page).toHaveURL(path);
    await expect(page.getByRole("heading", { name: "We couldn't find that" })).toBeVisible();
  });

  test("a malformed outbox id is a 404 too, not a crash", async ({ page, owner }) => {
    void owner;
    const response = await page.goto("/outbox/not-a-real-id");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "We couldn't find that" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Try again" })).toHaveAttribute("href", "/outbox/not-a-real-id");
  });

  test("an unknown invitation link is a 404 page", async ({ page }) => {
    const response = await page.goto("/invite/this-token-does-not-exist-0000");
    expect(response?.status()).toBe(404);
    await expect(page.getByText("This invitation link is not valid.")).toBeVisible();
    await expect(page.getByRole("link", { name: "Try again" })).toBeVisible();
  });
});
