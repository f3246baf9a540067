// Shared helpers for the browser tests. Every test makes its own people and
// organizations (unique emails), through the UI or plain same-origin form posts,
// so tests never depend on each other or on the demo data.
import {
  test as base,
  expect,
  type APIRequestContext,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
  type TestInfo,
} from "@playwright/test";

export { expect };

export const PASSWORD = "correct-horse-battery-9";
export const INVALID_CREDENTIALS = "That email and password don't match an account.";

export type Account = {
  name: string;
  email: string;
  password: string;
  organizationName: string;
};

let counter = 0;

/** A short suffix unique to this test, this worker and this moment. */
export function uniqueSuffix(testInfo: TestInfo): string {
  counter += 1;
  return `${testInfo.testId.slice(0, 8)}-${testInfo.workerIndex}-${testInfo.retry}-${Date.now().toString(36)}-${counter}`;
}

/** A fresh address nobody has used, e.g. `owner-1a2b3c4d-0-0-lq2x9a-1@e2e.test`. */
export function uniqueEmail(testInfo: TestInfo, label = "user"): string {
  return `${label}-${uniqueSuffix(testInfo)}@e2e.test`.toLowerCase();
}

/** A complete, valid set of sign-up details. */
export function newAccount(testInfo: TestInfo, label = "owner", overrides: Partial<Account> = {}): Account {
  const suffix = uniqueSuffix(testInfo);
  const first = label.charAt(0).toUpperCase() + label.slice(1);
  return {
    name: `${first} ${suffix}`,
    email: `${label}-${suffix}@e2e.test`.toLowerCase(),
    password: PASSWORD,
    organizationName: `${first} Org ${suffix}`,
    ...overrides,
  };
}

export function baseUrlOf(testInfo: TestInfo): string {
  const baseURL = testInfo.project.use.baseURL;
  if (!baseURL) throw new Error("playwright.config.ts must set use.baseURL");
  return baseURL;
}

/** Headers a browser would send with a same-origin form post. */
export function sameOrigin(baseURL: string): Record<string, string> {
  return { Origin: baseURL, "Sec-Fetch-Site": "same-origin" };
}

// ---------------------------------------------------------------------------
// Through the UI

/** Fills and submits the sign-up form (every accepted sign-up then says "check your email"). */
export async function submitSignUp(page: Page, account: Account): Promise<void> {
  await page.goto("/signup");
  await page.getByLabel("Your name").fill(account.name);
  await page.getByLabel("Work email").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByLabel("Organization name").fill(account.organizationName);
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page).toHaveURL(/\/signup\/sent$/);
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
}

/** The sandbox copy of the sign-up email on "check your email" (reloading until the worker has sent it). */
export async function sandboxSignUpEmail(page: Page) {
  const email = page.getByTestId("sandbox-signup-email");
  await expect(async () => {
    if (!(await email.isVisible())) await page.goto("/signup/sent");
    await expect(email).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 15_000 });
  return email;
}

/** Signs up through the form, follows the emailed link and waits for the new organization's dashboard. */
export async function signUp(page: Page, account: Account): Promise<void> {
  await submitSignUp(page, account);
  const email = await sandboxSignUpEmail(page);
  await email.getByRole("link", { name: /\/signup\/confirm\// }).click();
  await expect(page.getByRole("heading", { name: `Create ${account.organizationName}` })).toBeVisible();
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByText(`Here is where ${account.organizationName} stands today.`)).toBeVisible();
}

/** Fills and submits the sign-in form (from wherever /login sends back to). */
export async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs in through the form and waits for the dashboard. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/login");
  await submitSignIn(page, email, password);
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { level: 1, name: /^Hello, / })).toBeVisible();
}

/** The shell's "Sign out" button (desktop sidebar, or the phone menu once opened). */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("heading", { name: "Sign in to your workspace" })).toBeVisible();
}

/** Invites someone from /settings/members and returns the link shown on the page. */
export async function inviteTeammate(page: Page, email: string, role = "Agent"): Promise<string> {
  await page.goto("/settings/members");
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption({ label: role });
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText(`Invitation sent to ${email}.`)).toBeVisible();
  const link = await page.getByRole("textbox", { name: "Invitation link" }).inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{20,100}$/);
  return link;
}

/** The dashboard line that names the current organization. */
export function dashboardOrgLine(page: Page, organizationName: string) {
  return page.getByText(`Here is where ${organizationName} stands today.`);
}

// ---------------------------------------------------------------------------
// Over plain HTTP (same cookies as the page when given `page.request`)

/** Posts the sign-up form; answers the path of the emailed confirmation link (read from the sandbox copy). */
export async function requestSignUpByHttp(request: APIRequestContext, baseURL: string, account: Account): Promise<string> {
  const response = await request.post("/signup", {
    form: {
      name: account.name,
      email: account.email,
      password: account.password,
      organizationName: account.organizationName,
    },
    headers: sameOrigin(baseURL),
    maxRedirects: 0,
  });
  expect(response.status(), `sign-up of ${account.email}`).toBe(302);
  expect(response.headers()["location"]).toBe("/signup/sent");
  let path: string | undefined;
  await expect(async () => {
    const page = await request.get("/signup/sent");
    path = /\/signup\/confirm\/[A-Za-z0-9_-]{20,100}/.exec(await page.text())?.[0];
    expect(path, `the sign-up email for ${account.email}`).toBeTruthy();
  }).toPass({ timeout: 15_000 });
  return path!;
}

/** Signs up with same-origin form posts (the form, then the emailed link); the request context keeps the session cookie. */
export async function signUpByHttp(request: APIRequestContext, baseURL: string, account: Account): Promise<void> {
  const confirmPath = await requestSignUpByHttp(request, baseURL, account);
  const response = await request.post(confirmPath, { form: {}, headers: sameOrigin(baseURL), maxRedirects: 0 });
  expect(response.status(), `confirming the sign-up of ${account.email}`).toBe(302);
  expect(response.headers()["location"]).toBe("/dashboard");
}

/** Signs in with a same-origin form post. */
export async function signInByHttp(request: APIRequestContext, baseURL: string, email: string, password: string) {
  const response = await request.post("/login", {
    form: { email, password, redirectTo: "" },
    headers: sameOrigin(baseURL),
    maxRedirects: 0,
  });
  expect(response.status(), `sign-in of ${email}`).toBe(302);
}

/** Invites someone with a same-origin form post to the members page; returns the link. */
export async function inviteByHttp(
  request: APIRequestContext,
  baseURL: string,
  email: string,
  role = "AGENT",
): Promise<string> {
  const response = await request.post("/settings/members", {
    form: { intent: "invite", email, role },
    headers: sameOrigin(baseURL),
  });
  expect(response.status(), `invitation for ${email}`).toBe(200);
  const html = (await response.text()).replaceAll("<!-- -->", "");
  expect(html.includes(`Invitation sent to ${email}.`), `"Invitation sent to ${email}." on the page`).toBe(true);
  const link = /value="(https?:\/\/[^"]+\/invite\/[A-Za-z0-9_-]{20,100})"/.exec(html)?.[1];
  expect(link, "the invitation link on the members page").toBeTruthy();
  return link!;
}

/** A tRPC query over HTTP (`GET /api/trpc/<path>?input=<json>`); returns the parsed JSON and status. */
export async function trpcQuery<T = unknown>(request: APIRequestContext, path: string, input?: unknown) {
  const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  const response = await request.get(`/api/trpc/${path}${query}`);
  const body = (await response.json()) as { result?: { data: T }; error?: { message: string; data?: { httpStatus?: number } } };
  return { status: response.status(), data: body.result?.data as T, error: body.error };
}

/** A tRPC mutation over HTTP (`POST /api/trpc/<path>` with a JSON body). */
export async function trpcMutation<T = unknown>(
  request: APIRequestContext,
  baseURL: string,
  path: string,
  input: unknown,
  headers: Record<string, string> = sameOrigin(baseURL),
) {
  const response = await request.post(`/api/trpc/${path}`, {
    data: input,
    headers: { "Content-Type": "application/json", ...headers },
  });
  const text = await response.text();
  let body: { result?: { data: T }; error?: { message: string } } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    // Not JSON (for example the cross-site refusal); the status tells the story.
  }
  return { status: response.status(), data: body.result?.data as T, error: body.error, text };
}

/**
 * Opens `url` and waits until JavaScript has taken the page over. A click on a
 * React-owned widget (a radio, a select) before that is undone by the first
 * render, as it would be for a person on a slow phone.
 */
export async function gotoHydrated(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

/** Opens a context with nobody signed in (a second browser, another person). */
export async function freshContext(browser: Browser, testInfo: TestInfo, options: BrowserContextOptions = {}) {
  return browser.newContext({ baseURL: baseUrlOf(testInfo), ...options });
}

/** A new context with `account` already signed up (by HTTP) and a page on the dashboard. */
export async function signedUpContext(
  browser: Browser,
  testInfo: TestInfo,
  account: Account,
  options: BrowserContextOptions = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await freshContext(browser, testInfo, options);
  const page = await context.newPage();
  await signUpByHttp(page.request, baseUrlOf(testInfo), account);
  return { context, page };
}

// ---------------------------------------------------------------------------
// Fixtures

type Fixtures = {
  /** The project's base URL (always set), for Origin headers. */
  appURL: string;
  /** A freshly signed-up owner of a new organization; `page` is signed in as them. */
  owner: Account;
  /** An account that exists (signed up elsewhere); `page` is NOT signed in. */
  registered: Account;
};

// (The fixture callback is named `provide`, not `use`, so the React hooks lint rule leaves it alone.)
export const test = base.extend<Fixtures>({
  appURL: async ({ baseURL }, provide) => {
    if (!baseURL) throw new Error("playwright.config.ts must set use.baseURL");
    await provide(baseURL);
  },
  owner: async ({ page, appURL }, provide, testInfo) => {
    const account = newAccount(testInfo, "owner");
    await signUpByHttp(page.request, appURL, account);
    await provide(account);
  },
  registered: async ({ playwright, appURL }, provide, testInfo) => {
    const account = newAccount(testInfo, "member");
    const elsewhere = await playwright.request.newContext({ baseURL: appURL });
    await signUpByHttp(elsewhere, appURL, account);
    await elsewhere.dispose();
    await provide(account);
  },
});
