// The same core flows with JavaScript switched off: plain HTML forms and
// server redirects only.
import {
  INVALID_CREDENTIALS,
  expect,
  inviteTeammate,
  newAccount,
  signOut,
  signUp,
  submitSignIn,
  test,
  uniqueEmail,
} from "./fixtures";

test.use({ javaScriptEnabled: false });

test("sign in, see the dashboard, sign out", async ({ page, registered }) => {
  await page.goto("/login");
  await submitSignIn(page, registered.email, registered.password);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Hello, ${registered.name.split(" ")[0]}`);
  await expect(page.getByText(`Here is where ${registered.organizationName} stands today.`)).toBeVisible();
  await expect(page.getByRole("term").filter({ hasText: "Team members" })).toBeVisible();

  await signOut(page);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fdashboard$/);
});

test("sign up creates the organization", async ({ page }, testInfo) => {
  const account = newAccount(testInfo, "nojs");
  await signUp(page, account);
  await expect(page.getByRole("status")).toContainText(`Welcome! ${account.organizationName} is ready.`);
});

test("sign-up with a short password comes back from the server with the field error", async ({ page }, testInfo) => {
  const account = newAccount(testInfo, "nojsshort", { password: "short" });
  await page.goto("/signup");
  await page.getByLabel("Your name").fill(account.name);
  await page.getByLabel("Work email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByLabel("Organization name").fill(account.organizationName);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && r.url().endsWith("/signup")),
    page.getByRole("button", { name: "Create organization" }).click(),
  ]);
  expect(response.status()).toBe(400);
  await expect(page.getByLabel("Password")).toHaveAccessibleDescription("Use at least 10 characters");
  // What was typed (except the password) is still there.
  await expect(page.getByLabel("Work email")).toHaveValue(account.email);
  await expect(page.getByLabel("Organization name")).toHaveValue(account.organizationName);
  await expect(page.getByLabel("Password")).toHaveValue("");
});

test("a failed sign-in shows the error and keeps the email", async ({ page, registered }, testInfo) => {
  await page.goto("/login");
  await submitSignIn(page, registered.email, "definitely-wrong-1");
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("alert")).toHaveText(INVALID_CREDENTIALS);
  await expect(page.getByLabel("Email")).toHaveValue(registered.email);

  const nobody = uniqueEmail(testInfo, "nobody");
  await page.getByLabel("Email").fill(nobody);
  await page.getByLabel("Password").fill("definitely-wrong-1");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toHaveText(INVALID_CREDENTIALS);
  await expect(page.getByLabel("Email")).toHaveValue(nobody);

  // And correcting it signs in.
  await page.getByLabel("Email").fill(registered.email);
  await page.getByLabel("Password").fill(registered.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
});

test("invite a teammate from the members page and see the link", async ({ page, owner }, testInfo) => {
  void owner;
  const teammate = uniqueEmail(testInfo, "teammate");
  const link = await inviteTeammate(page, teammate, "Agent");
  expect(link.startsWith(`${testInfo.project.use.baseURL}/invite/`)).toBe(true);
  const pending = page.getByRole("list", { name: "Pending invitations" });
  await expect(pending).toContainText(teammate);
  await expect(pending).toContainText("Agent");

  // Withdrawing works without JavaScript too.
  await pending.getByRole("button", { name: `Withdraw invitation for ${teammate}` }).click();
  await expect(page.getByRole("status")).toContainText("Invitation withdrawn.");
  await expect(page.getByRole("list", { name: "Pending invitations" })).toHaveCount(0);
});
