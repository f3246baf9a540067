import {
  INVALID_CREDENTIALS,
  PASSWORD,
  expect,
  newAccount,
  sameOrigin,
  signIn,
  signInByHttp,
  signOut,
  sandboxSignUpEmail,
  signUp,
  requestSignUpByHttp,
  submitSignIn,
  submitSignUp,
  test,
  uniqueEmail,
} from "./fixtures";

test.describe("sign-up", () => {
  test("creates the organization, signs in and says it is ready", async ({ page }, testInfo) => {
    const account = newAccount(testInfo, "founder");
    await signUp(page, account);

    await expect(page.getByRole("status").filter({ hasText: "is ready" })).toContainText(
      `Welcome! ${account.organizationName} is ready.`,
    );
    // It goes by itself after six seconds, though the page reloads its data when its live stream opens meanwhile.
    await expect(page.getByRole("banner").or(page.getByRole("complementary")).getByText("Live updates: Live").first()).toBeAttached();
    await expect(page.getByRole("status").filter({ hasText: "is ready" })).toBeHidden({ timeout: 10_000 });
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Hello, ${account.name.split(" ")[0]}`);
    const switcher = page.getByRole("complementary").getByRole("combobox");
    await expect(switcher.getByRole("option", { selected: true })).toHaveText(`${account.organizationName} (Owner)`);
    await expect(page.getByRole("complementary")).toContainText(account.email);
  });

  test("a short password or a bad email shows the field error and creates nothing", async ({
    page,
    request,
    appURL,
  }, testInfo) => {
    const shortPassword = newAccount(testInfo, "short", { password: "too-short" });
    await page.goto("/signup");
    await page.getByLabel("Your name").fill(shortPassword.name);
    await page.getByLabel("Work email").fill(shortPassword.email);
    await page.getByLabel("Password").fill(shortPassword.password);
    await page.getByLabel("Organization name").fill(shortPassword.organizationName);
    await page.getByRole("button", { name: "Create organization" }).click();
    await expect(page.getByLabel("Password")).toHaveAccessibleDescription("Use at least 10 characters");
    await expect(page).toHaveURL(/\/signup$/);

    const badEmail = newAccount(testInfo, "bademail");
    await page.getByLabel("Password").fill(badEmail.password);
    await page.getByLabel("Work email").fill("priya-at-example.com");
    await page.getByRole("button", { name: "Create organization" }).click();
    await expect(page.getByLabel("Work email")).toHaveAccessibleDescription(
      "Enter a valid email address, like priya@example.com",
    );
    await expect(page).toHaveURL(/\/signup$/);

    // The server refuses the same input on its own, not only the browser.
    const refused = await request.post("/signup", {
      form: { ...shortPassword },
      headers: sameOrigin(appURL),
      maxRedirects: 0,
    });
    expect(refused.status()).toBe(400);
    expect(refused.headers()["set-cookie"] ?? "").not.toContain("__session");

    // Nothing was created: signing in with those details fails.
    await page.goto("/login");
    await submitSignIn(page, shortPassword.email, shortPassword.password);
    await expect(page.getByRole("alert")).toHaveText(INVALID_CREDENTIALS);
    await expect(page).toHaveURL(/\/login$/);
  });

  test("an email that already has an account gets the same answer; the email it gets says to sign in", async ({ page, registered }, testInfo) => {
    const stranger = newAccount(testInfo, "stranger");
    await submitSignUp(page, stranger);
    const freshAnswer = await page.locator("main").innerText();

    await submitSignUp(page, { name: "Someone Else", email: registered.email, password: PASSWORD, organizationName: "Copycat Org" });
    // Word for word the page a new address gets, but for the address itself.
    expect((await page.locator("main").innerText()).replace(/Sandbox mode:[\s\S]*$/, "").replace(registered.email, "<email>")).toBe(
      freshAnswer.replace(/Sandbox mode:[\s\S]*$/, "").replace(stranger.email, "<email>"),
    );
    const email = await sandboxSignUpEmail(page);
    await expect(email).toContainText(`tried to sign up to Leadlane with ${registered.email}`);
    await expect(email.getByRole("link", { name: /\/login$/ })).toBeVisible();
    await expect(email.getByRole("link", { name: /\/signup\/confirm\// })).toHaveCount(0);
  });
});

test.describe("sign-in", () => {
  test("sign out, then sign in again", async ({ page, owner }) => {
    await page.goto("/dashboard");
    await expect(page.getByText(`Here is where ${owner.organizationName} stands today.`)).toBeVisible();
    await signOut(page);

    // Signed out for real: the dashboard sends us back to sign in.
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Fdashboard$/);

    await signIn(page, owner.email, owner.password);
    await expect(page.getByText(`Here is where ${owner.organizationName} stands today.`)).toBeVisible();
  });

  test("a wrong password keeps you on /login with the email filled in", async ({ page, registered }) => {
    await page.goto("/login");
    await submitSignIn(page, registered.email, "not-the-password-123");
    await expect(page.getByRole("alert")).toHaveText(INVALID_CREDENTIALS);
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByLabel("Email")).toHaveValue(registered.email);

    // The right password still works afterwards (submitted with Enter; see the next test for clicking).
    await page.getByLabel("Password").fill(registered.password);
    await page.getByLabel("Password").press("Enter");
    await expect(page).toHaveURL(/\/dashboard$/);
  });

  test("after a failed sign-in, fixing the password and clicking 'Sign in' signs in", async ({ page, registered }) => {
    await page.goto("/login");
    await submitSignIn(page, registered.email, "not-the-password-123");
    await expect(page.getByRole("alert")).toHaveText(INVALID_CREDENTIALS);
    await page.getByLabel("Password").fill(registered.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/dashboard$/, { timeout: 3_000 });
  });

  test("an unknown email gets exactly the same message", async ({ page }, testInfo) => {
    const nobody = uniqueEmail(testInfo, "nobody");
    await page.goto("/login");
    await submitSignIn(page, nobody, "whatever-password-1");
    await expect(page.getByRole("alert")).toHaveText(INVALID_CREDENTIALS);
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByLabel("Email")).toHaveValue(nobody);
  });

  test("a signed-out visit to /dashboard signs in and comes back", async ({ page, registered }) => {
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Fdashboard$/);
    await submitSignIn(page, registered.email, registered.password);
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByText(`Here is where ${registered.organizationName} stands today.`)).toBeVisible();
  });

  test("a signed-out visit to a deeper page comes back to that page", async ({ page, registered }) => {
    await page.goto("/settings/members");
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Fsettings%2Fmembers$/);
    await submitSignIn(page, registered.email, registered.password);
    await expect(page).toHaveURL(/\/settings\/members$/);
    await expect(page.getByRole("heading", { name: "Invite a teammate" })).toBeVisible();
  });
});

test("'Sign out everywhere' also signs out another browser", async ({ page, owner, browser, appURL }) => {
  const other = await browser.newContext({ baseURL: appURL });
  try {
    const otherPage = await other.newPage();
    await signInByHttp(otherPage.request, appURL, owner.email, owner.password);
    await otherPage.goto("/dashboard");
    await expect(otherPage.getByText(`Here is where ${owner.organizationName} stands today.`)).toBeVisible();

    await page.goto("/settings/security");
    await expect(page.getByRole("list", { name: "Sessions" }).getByRole("listitem")).toHaveCount(2);
    await expect(page.getByRole("list", { name: "Sessions" })).toContainText("(this browser)");
    await page.getByRole("button", { name: "Sign out everywhere" }).click();
    await expect(page).toHaveURL(/\/login$/);

    await otherPage.reload();
    await expect(otherPage).toHaveURL(/\/login\?redirectTo=%2Fdashboard$/);
    await expect(otherPage.getByRole("heading", { name: "Sign in to your workspace" })).toBeVisible();

    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Fdashboard$/);
  } finally {
    await other.close();
  }
});

test("people signing up at the same moment with the same organization name all get in", async ({
  playwright,
  appURL,
}, testInfo) => {
  // The race is timing-dependent: try a few rounds of simultaneous confirmations.
  for (let round = 0; round < 3; round += 1) {
    const organizationName = `Same Name ${Date.now()} ${round}`;
    const people = await Promise.all(
      Array.from({ length: 8 }, async (_, i) => {
        const browserLike = await playwright.request.newContext({ baseURL: appURL });
        const account = newAccount(testInfo, `race${i}`, { organizationName });
        return { browserLike, confirmPath: await requestSignUpByHttp(browserLike, appURL, account) };
      }),
    );
    const statuses = await Promise.all(
      people.map(async ({ browserLike, confirmPath }) => {
        try {
          const response = await browserLike.post(confirmPath, { form: {}, headers: sameOrigin(appURL), maxRedirects: 0 });
          return response.status();
        } finally {
          await browserLike.dispose();
        }
      }),
    );
    expect(statuses, `round ${round}`).toEqual(Array(8).fill(302));
  }
});
