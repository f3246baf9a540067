// Security headers, the cross-site write guard and tenant isolation, checked
// over plain HTTP the way an attacker (or a confused client) would call the app.
import type { APIRequestContext, APIResponse } from "@playwright/test";
import {
  type Account,
  expect,
  inviteByHttp,
  newAccount,
  sameOrigin,
  signInByHttp,
  requestSignUpByHttp,
  signUpByHttp,
  test,
  trpcMutation,
  trpcQuery,
  uniqueEmail,
} from "./fixtures";

const EVIL = "https://evil.example";
const CROSS_SITE_VARIANTS: Array<{ label: string; headers: Record<string, string> }> = [
  { label: "Sec-Fetch-Site: cross-site", headers: { "Sec-Fetch-Site": "cross-site", Origin: EVIL } },
  { label: "Origin: https://evil.example (no Sec-Fetch-Site)", headers: { Origin: EVIL } },
];

type Invitation = { id: string; email: string; role: string };
type Organization = { id: string; name: string; current: boolean };
type OutboxItem = { id: string; toAddress: string; subject: string | null; body: string };

/** A separate "browser" (cookie jar) with a freshly signed-up owner. */
async function ownerSession(
  playwright: { request: { newContext: (options: { baseURL: string }) => Promise<APIRequestContext> } },
  appURL: string,
  account: Account,
) {
  const request = await playwright.request.newContext({ baseURL: appURL });
  await signUpByHttp(request, appURL, account);
  return request;
}

async function pendingInvitations(request: APIRequestContext): Promise<Invitation[]> {
  const { status, data } = await trpcQuery<Invitation[]>(request, "invitation.list");
  expect(status).toBe(200);
  return data;
}

async function isSignedIn(request: APIRequestContext): Promise<boolean> {
  const response = await request.get("/dashboard", { maxRedirects: 0 });
  return response.status() === 200;
}

function expectRefused(response: APIResponse, what: string) {
  expect(response.status(), `${what} must be refused`).toBe(403);
  expect(response.headers()["set-cookie"] ?? "", `${what} must not set cookies`).toBe("");
}

test.describe("security headers", () => {
  const signedOutPages = ["/login", "/signup", "/invite/not-a-real-invitation-token-000"];
  const signedInPages = ["/dashboard", "/settings", "/settings/members", "/settings/security", "/outbox", "/organizations/new"];

  function checkHeaders(path: string, response: APIResponse, html: string): string {
    const headers = response.headers();
    expect(headers["content-type"], path).toContain("text/html");
    const csp = headers["content-security-policy"] ?? "";
    const nonce = /script-src 'self' 'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
    expect(nonce, `${path}: CSP script-src with a nonce (got: ${csp})`).toBeTruthy();
    expect(csp, path).toContain("frame-ancestors 'none'");
    expect(csp, path).toContain("object-src 'none'");
    expect(csp, path).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    expect(headers["x-frame-options"], path).toBe("DENY");

    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
    expect(scripts.length, `${path}: the page has scripts`).toBeGreaterThan(0);
    for (const tag of scripts) {
      expect(tag, `${path}: every <script> carries the header's nonce`).toContain(`nonce="${nonce}"`);
    }
    return nonce!;
  }

  test("every HTML page carries the CSP, and its nonce is the one on the page's scripts", async ({
    page,
    owner,
    playwright,
    appURL,
  }) => {
    void owner;
    const anonymous = await playwright.request.newContext({ baseURL: appURL });
    try {
      const nonces = new Set<string>();
      for (const path of signedOutPages) {
        const response = await anonymous.get(path);
        nonces.add(checkHeaders(path, response, await response.text()));
      }
      for (const path of signedInPages) {
        const response = await page.request.get(path);
        expect(response.status(), path).toBe(200);
        nonces.add(checkHeaders(path, response, await response.text()));
      }
      // Error pages too.
      const missing = await page.request.get("/outbox/00000000-0000-4000-8000-000000000000");
      expect(missing.status()).toBe(404);
      nonces.add(checkHeaders("/outbox/<missing>", missing, await missing.text()));
      // A fresh nonce for every response.
      expect(nonces.size).toBe(signedOutPages.length + signedInPages.length + 1);
    } finally {
      await anonymous.dispose();
    }
  });

  test("the pages' scripts run under the policy (no CSP violations, the app hydrates)", async ({ page, owner }) => {
    void owner;
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.goto("/settings/members");
    // Live updates need JavaScript: seeing them connect proves the scripts ran.
    await expect(page.getByRole("complementary").getByTitle("Live updates: Live")).toBeVisible();
    expect(violations).toEqual([]);
  });

  test("the session cookie is HttpOnly and SameSite=Lax", async ({ request, appURL }, testInfo) => {
    const confirmPath = await requestSignUpByHttp(request, appURL, newAccount(testInfo, "cookie"));
    const response = await request.post(confirmPath, { form: {}, headers: sameOrigin(appURL), maxRedirects: 0 });
    expect(response.status()).toBe(302);
    const cookie = response.headersArray().find((h) => h.name.toLowerCase() === "set-cookie" && h.value.startsWith("__session="));
    expect(cookie?.value).toMatch(/HttpOnly/i);
    expect(cookie?.value).toMatch(/SameSite=Lax/i);
  });
});

test.describe("output escaping and redirects", () => {
  test("names with HTML in them are shown as text, never run", async ({ page, appURL, browser }, testInfo) => {
    const hostile = newAccount(testInfo, "xss", {
      name: `<img src=x onerror="window.__xss='name'">Mallory`,
      organizationName: `<script>window.__xss='org'</script>Evil & Co`,
    });
    await signUpByHttp(page.request, appURL, hostile);
    const dialogs: string[] = [];
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto("/settings");
    await expect(page.getByText(hostile.organizationName, { exact: true })).toBeVisible();
    await expect(page.getByRole("complementary")).toContainText(hostile.name);

    // The invitation page (public) and the email in the outbox show the names as text too.
    const invitee = uniqueEmail(testInfo, "xss-invitee");
    const link = await inviteByHttp(page.request, appURL, invitee);
    const visitorContext = await browser.newContext({ baseURL: appURL });
    try {
      const visitor = await visitorContext.newPage();
      visitor.on("dialog", (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      await visitor.goto(link);
      await expect(visitor.getByRole("heading", { level: 1 })).toHaveText(`Join ${hostile.organizationName}`);
      expect(await visitor.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
    } finally {
      await visitorContext.close();
    }
    await page.goto("/outbox");
    const message = page.getByRole("list", { name: "Sent messages" }).getByRole("link").filter({ hasText: `to ${invitee}` });
    await expect(async () => {
      await page.reload();
      await expect(message).toHaveCount(1, { timeout: 500 });
    }).toPass({ timeout: 15_000 });
    await message.click();
    await expect(page.getByTestId("outbox-body")).toContainText(`join ${hostile.organizationName} on Leadlane`);

    expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
  });

  test("sign-in never redirects off-site", async ({ request, registered, appURL }) => {
    for (const redirectTo of ["https://evil.example/", "//evil.example/", "/\\evil.example/"]) {
      const response = await request.post("/login", {
        form: { email: registered.email, password: registered.password, redirectTo },
        headers: sameOrigin(appURL),
        maxRedirects: 0,
      });
      expect(response.status(), redirectTo).toBe(302);
      expect(response.headers()["location"], redirectTo).toBe("/dashboard");
    }
    const themed = await request.post("/theme", {
      form: { theme: "dark", redirectTo: "//evil.example/" },
      headers: sameOrigin(appURL),
      maxRedirects: 0,
    });
    expect(themed.headers()["location"]).toBe("/dashboard");
  });
});

test.describe("cross-site form posts are refused", () => {
  for (const variant of CROSS_SITE_VARIANTS) {
    test(`POST /login with ${variant.label}`, async ({ request, registered, appURL }) => {
      const refused = await request.post("/login", {
        form: { email: registered.email, password: registered.password, redirectTo: "" },
        headers: variant.headers,
        maxRedirects: 0,
      });
      expectRefused(refused, "cross-site sign-in");
      expect(await refused.text()).toBe("Cross-site request refused.");
      expect(await isSignedIn(request)).toBe(false);

      // The same post from the app itself signs in.
      await signInByHttp(request, appURL, registered.email, registered.password);
      expect(await isSignedIn(request)).toBe(true);
    });

    test(`POST /logout with ${variant.label}`, async ({ page, owner, appURL }) => {
      void owner;
      expectRefused(await page.request.post("/logout", { headers: variant.headers, maxRedirects: 0 }), "cross-site sign-out");
      expect(await isSignedIn(page.request)).toBe(true);

      const signedOut = await page.request.post("/logout", { headers: sameOrigin(appURL), maxRedirects: 0 });
      expect(signedOut.status()).toBe(302);
      expect(signedOut.headers()["location"]).toBe("/login");
      expect(await isSignedIn(page.request)).toBe(false);
    });

    test(`POST /settings/members with ${variant.label}`, async ({ page, owner, appURL }, testInfo) => {
      void owner;
      const invitee = uniqueEmail(testInfo, "csrf");
      const refused = await page.request.post("/settings/members", {
        form: { intent: "invite", email: invitee, role: "ADMIN" },
        headers: variant.headers,
        maxRedirects: 0,
      });
      expectRefused(refused, "cross-site invitation");
      expect(await pendingInvitations(page.request)).toEqual([]);

      await inviteByHttp(page.request, appURL, invitee, "ADMIN");
      expect((await pendingInvitations(page.request)).map((i) => [i.email, i.role])).toEqual([[invitee, "ADMIN"]]);
    });

    test(`POST /api/trpc/invitation.create with ${variant.label}`, async ({ page, owner, appURL }, testInfo) => {
      void owner;
      const invitee = uniqueEmail(testInfo, "csrfapi");
      const refused = await trpcMutation(page.request, appURL, "invitation.create", { email: invitee, role: "AGENT" }, variant.headers);
      expect(refused.status).toBe(403);
      expect(refused.text).toBe("Cross-site request refused.");
      expect(await pendingInvitations(page.request)).toEqual([]);

      const created = await trpcMutation<Invitation>(page.request, appURL, "invitation.create", { email: invitee, role: "AGENT" });
      expect(created.status).toBe(200);
      expect(created.data.email).toBe(invitee);
      expect((await pendingInvitations(page.request)).map((i) => i.email)).toEqual([invitee]);
    });
  }

  test("a cross-site POST to switch organizations is refused too", async ({ page, owner, appURL }) => {
    void owner;
    const { data: organizations } = await trpcQuery<Organization[]>(page.request, "organization.listMine");
    const refused = await page.request.post("/orgs/switch", {
      form: { organizationId: organizations[0]!.id, redirectTo: "/dashboard" },
      headers: { "Sec-Fetch-Site": "same-site", Origin: "http://sub.localhost:1" },
      maxRedirects: 0,
    });
    expectRefused(refused, "same-site (not same-origin) switch");
    const allowed = await page.request.post("/orgs/switch", {
      form: { organizationId: organizations[0]!.id, redirectTo: "/dashboard" },
      headers: sameOrigin(appURL),
      maxRedirects: 0,
    });
    expect(allowed.status()).toBe(302);
  });
});

test.describe("tenant isolation: A replays B's ids", () => {
  test("A cannot touch B's invitation, outbox message or organization", async ({
    page,
    owner: ownerA,
    playwright,
    appURL,
  }, testInfo) => {
    const ownerB = newAccount(testInfo, "tenantb");
    const b = await ownerSession(playwright, appURL, ownerB);
    try {
      // B invites someone; B's own API calls give us B's ids.
      const inviteeOfB = uniqueEmail(testInfo, "secret-invitee");
      const linkOfB = await inviteByHttp(b, appURL, inviteeOfB, "MANAGER");
      const [invitationOfB] = await pendingInvitations(b);
      expect(invitationOfB?.email).toBe(inviteeOfB);
      const { data: orgsOfB } = await trpcQuery<Organization[]>(b, "organization.listMine");
      const orgOfB = orgsOfB.find((org) => org.current)!;
      expect(orgOfB.name).toBe(ownerB.organizationName);

      // The worker sends B's invitation email; wait for it in B's outbox.
      let outboxItemOfB: OutboxItem | undefined;
      await expect
        .poll(
          async () => {
            const { data } = await trpcQuery<OutboxItem[]>(b, "outbox.list", {});
            outboxItemOfB = data.find((item) => item.toAddress === inviteeOfB);
            return Boolean(outboxItemOfB);
          },
          { timeout: 15_000, intervals: [200, 500, 1_000] },
        )
        .toBe(true);

      // A withdraws B's invitation over tRPC: not found.
      const revoke = await trpcMutation(page.request, appURL, "invitation.revoke", { invitationId: invitationOfB!.id });
      expect(revoke.status).toBe(404);
      expect(revoke.error?.message).not.toContain(inviteeOfB);

      // A posts the members page's own withdraw form with B's id: a 404 page, and nothing happens to B.
      const formRevoke = await page.request.post("/settings/members", {
        form: { intent: "revoke", invitationId: invitationOfB!.id },
        headers: sameOrigin(appURL),
      });
      expect(formRevoke.status()).toBe(404);
      const formRevokePage = (await formRevoke.text()).replaceAll("<!-- -->", "");
      expect(formRevokePage).toContain("Invitation not found, or already used.");
      expect(formRevokePage).not.toContain(inviteeOfB);

      // A reads B's outbox message: a 404 page with none of B's data.
      await page.goto(`/outbox/${outboxItemOfB!.id}`);
      await expect(page.getByRole("heading", { name: "We couldn't find that" })).toBeVisible();
      await expect(page.getByText("Message not found.")).toBeVisible();
      const outboxPage = await page.request.get(`/outbox/${outboxItemOfB!.id}`);
      expect(outboxPage.status()).toBe(404);
      const outboxHtml = await outboxPage.text();
      for (const secret of [inviteeOfB, ownerB.organizationName, ownerB.name, outboxItemOfB!.subject ?? "", linkOfB]) {
        expect(outboxHtml.includes(secret), `the 404 page must not contain "${secret}"`).toBe(false);
      }
      const outboxApi = await trpcQuery(page.request, "outbox.get", { id: outboxItemOfB!.id });
      expect(outboxApi.status).toBe(404);
      // A's own outbox does not list it either.
      const { data: outboxOfA } = await trpcQuery<OutboxItem[]>(page.request, "outbox.list", {});
      expect(outboxOfA.map((item) => item.id)).not.toContain(outboxItemOfB!.id);

      // A switches into B's organization: not found, over tRPC and over the form.
      const switched = await trpcMutation(page.request, appURL, "organization.switch", { organizationId: orgOfB.id });
      expect(switched.status).toBe(404);
      const switchForm = await page.request.post("/orgs/switch", {
        form: { organizationId: orgOfB.id, redirectTo: "/dashboard" },
        headers: sameOrigin(appURL),
        maxRedirects: 0,
      });
      expect(switchForm.status()).toBe(404);
      await page.goto("/dashboard");
      await expect(page.getByText(`Here is where ${ownerA.organizationName} stands today.`)).toBeVisible();

      // A's lists never show B's rows.
      expect((await pendingInvitations(page.request)).map((i) => i.id)).not.toContain(invitationOfB!.id);
      const { data: membersOfA } = await trpcQuery<Array<{ user: { email: string } }>>(page.request, "member.list");
      expect(membersOfA.map((m) => m.user.email)).toEqual([ownerA.email]);

      // B's invitation is still pending, and its link still works.
      expect((await pendingInvitations(b)).map((i) => i.id)).toEqual([invitationOfB!.id]);
      const stillValid = await b.get(new URL(linkOfB).pathname);
      expect(stillValid.status()).toBe(200);
    } finally {
      await b.dispose();
    }
  });

  test("B's members and roles cannot be changed by A", async ({ page, owner, playwright, appURL }, testInfo) => {
    void owner;
    const ownerB = newAccount(testInfo, "tenantb2");
    const b = await ownerSession(playwright, appURL, ownerB);
    try {
      const { data: membersOfB } = await trpcQuery<Array<{ id: string; role: string }>>(b, "member.list");
      const membershipOfB = membersOfB[0]!;
      const update = await trpcMutation(page.request, appURL, "member.updateRole", {
        membershipId: membershipOfB.id,
        role: "VIEWER",
      });
      expect([403, 404]).toContain(update.status);
      const remove = await trpcMutation(page.request, appURL, "member.remove", { membershipId: membershipOfB.id });
      expect([403, 404]).toContain(remove.status);
      const after = await trpcQuery<Array<{ id: string; role: string }>>(b, "member.list");
      expect(after.data).toEqual([expect.objectContaining({ id: membershipOfB.id, role: "OWNER" })]);
    } finally {
      await b.dispose();
    }
  });

  test("signed out, the API answers 401", async ({ request }) => {
    for (const path of ["member.list", "invitation.list", "outbox.list", "organization.listMine"]) {
      const { status } = await trpcQuery(request, path);
      expect(status, path).toBe(401);
    }
    const events = await request.get("/api/events");
    expect(events.status()).toBe(401);
  });
});
