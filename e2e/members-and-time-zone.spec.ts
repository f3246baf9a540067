import { type Account, expect, inviteByHttp, newAccount, signedUpContext, test } from "./fixtures";

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("an owner moves the organization to another time zone; a bad name is refused next to the field", async ({ page, owner }) => {
    expect(owner.email).toBeTruthy();
    await page.goto("/settings");
    const field = page.getByLabel("Time zone");
    await expect(field).toHaveValue("Asia/Kolkata");
    await field.fill("IST");
    await page.getByRole("button", { name: "Save time zone" }).click();
    await expect(page.getByText("Choose a time zone by its place name, like Asia/Kolkata or America/New_York")).toBeVisible();
    await page.getByLabel("Time zone").fill("America/New_York");
    await page.getByRole("button", { name: "Save time zone" }).click();
    await expect(page).toHaveURL(/\/settings$/);
    await expect(page.getByRole("status")).toContainText("Time zone set to America/New_York.");
    await expect(page.getByLabel("Time zone")).toHaveValue("America/New_York");
    await page.goto("/follow-ups");
    await expect(page.getByText("Times are America/New_York.")).toBeVisible();
  });

  test("removing a member hands their work to the colleague chosen on the removal page", async ({ page, owner, appURL, browser }, testInfo) => {
    const teammate: Account = newAccount(testInfo, "leaver");
    const { context, page: matePage } = await signedUpContext(browser, testInfo, teammate);
    try {
      const link = await inviteByHttp(page.request, appURL, teammate.email, "AGENT");
      await matePage.goto(link);
      await matePage.getByRole("button", { name: "Accept invitation" }).click();
      await expect(matePage).toHaveURL(/\/dashboard$/);
    } finally {
      await context.close();
    }
    await page.goto("/settings/members");
    await page.getByRole("link", { name: `Remove ${teammate.name}` }).click();
    await expect(page.getByRole("heading", { name: `Remove ${teammate.name}` })).toBeVisible();
    await expect(page.getByText("They own 0 contacts and 0 deals")).toBeVisible();
    await page.getByLabel("Hand their contacts, deals and follow-ups to").selectOption({ label: `${owner.name} (Owner)` });
    await page.getByRole("button", { name: `Remove ${teammate.name}` }).click();
    await expect(page).toHaveURL(/\/settings\/members$/);
    await expect(page.getByRole("status")).toContainText(`Member removed. 0 contacts, 0 deals, 0 pending follow-ups went to ${owner.name}.`);
    await expect(page.getByRole("list", { name: "Members" })).not.toContainText(teammate.email);
  });
});
