import {
  PASSWORD,
  type Account,
  expect,
  freshContext,
  inviteByHttp,
  inviteTeammate,
  newAccount,
  signedUpContext,
  test,
  uniqueEmail,
} from "./fixtures";
import type { Page } from "@playwright/test";

/** Reloads the sandbox outbox until the email to `to` is listed (the worker sends it), then opens it. */
async function openOutboxEmail(page: Page, to: string) {
  await page.goto("/outbox");
  const message = page.getByRole("list", { name: "Sent messages" }).getByRole("link").filter({ hasText: `to ${to}` });
  await expect(async () => {
    await page.reload();
    await expect(message).toHaveCount(1, { timeout: 500 });
  }).toPass({ intervals: [250, 500, 1_000], timeout: 15_000 });
  await message.click();
  await expect(page).toHaveURL(/\/outbox\/[0-9a-f-]{36}$/);
  return page.getByTestId("outbox-body");
}

function liveIndicator(page: Page) {
  return page.getByRole("complementary").getByTitle("Live updates: Live");
}

test("an invited teammate joins with a new account and shows up live on the owner's members page", async ({
  page,
  owner,
  browser,
}, testInfo) => {
  const teammate: Account = newAccount(testInfo, "agent");

  // The owner invites; the page shows the link.
  const link = await inviteTeammate(page, teammate.email, "Agent");
  await expect(page.getByText(`Invitation sent to ${teammate.email}.`)).toBeVisible();
  await expect(page.getByRole("list", { name: "Pending invitations" })).toContainText(teammate.email);

  // The worker sends the email; the sandbox outbox shows it with the same link.
  const outbox = await page.context().newPage();
  const body = await openOutboxEmail(outbox, teammate.email);
  await expect(outbox.getByRole("heading", { level: 1 })).toHaveText(
    `${owner.name} invited you to ${owner.organizationName} on Leadlane`,
  );
  await expect(body).toContainText(`Accept the invitation: ${link}`);
  await expect(body).toContainText(`join ${owner.organizationName} on Leadlane as Agent`);
  await outbox.close();

  // The members page stays open, connected to live updates, and is never reloaded.
  await expect(liveIndicator(page)).toBeVisible();
  await page.evaluate(() => {
    (window as unknown as { __noReload?: boolean }).__noReload = true;
  });
  const members = page.getByRole("list", { name: "Members" });
  await expect(members.getByRole("listitem")).toHaveCount(1);

  // The teammate, in a browser with no cookies, opens the link and creates an account.
  const teammateContext = await freshContext(browser, testInfo);
  try {
    const joiner = await teammateContext.newPage();
    await joiner.goto(link);
    await expect(joiner.getByRole("heading", { level: 1 })).toHaveText(`Join ${owner.organizationName}`);
    await expect(joiner.getByText(`${owner.name} invited ${teammate.email} as Agent.`)).toBeVisible();
    await expect(joiner.getByLabel("Email")).toHaveValue(teammate.email);
    await joiner.getByLabel("Your name").fill(teammate.name);
    await joiner.getByLabel("Choose a password").fill(PASSWORD);
    await joiner.getByRole("button", { name: "Create account and join" }).click();
    await expect(joiner).toHaveURL(/\/dashboard$/);
    await expect(joiner.getByText(`Here is where ${owner.organizationName} stands today.`)).toBeVisible();
    await expect(joiner.getByRole("status")).toContainText(`Welcome to ${owner.organizationName}!`);
    await expect(
      joiner.getByRole("complementary").getByRole("combobox").getByRole("option", { selected: true }),
    ).toHaveText(`${owner.organizationName} (Agent)`);

    // The owner's open page shows the new member, with the Agent role, without a reload.
    const row = members.getByRole("listitem").filter({ hasText: teammate.email });
    await expect(row).toContainText(teammate.name);
    await expect(page.getByRole("combobox", { name: `Role for ${teammate.name}` })).toHaveValue("AGENT");
    await expect(members.getByRole("listitem")).toHaveCount(2);
    await expect(page.getByRole("heading", { name: "Members (2)" })).toBeVisible();
    await expect(page.getByRole("list", { name: "Pending invitations" })).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);

    // After a reload it is still there (it was really saved).
    await page.reload();
    await expect(page.getByRole("combobox", { name: `Role for ${teammate.name}` })).toHaveValue("AGENT");

    // The link works once.
    await joiner.goto(link);
    await expect(joiner.getByRole("alert")).toContainText("This invitation has already been used.");
    const stranger = await teammateContext.browser()!.newContext({ baseURL: testInfo.project.use.baseURL });
    try {
      const strangerPage = await stranger.newPage();
      const response = await strangerPage.goto(link);
      expect(response?.status()).toBe(410);
      await expect(strangerPage.getByRole("alert")).toContainText("already been used");
    } finally {
      await stranger.close();
    }
  } finally {
    await teammateContext.close();
  }
});

test("a withdrawn invitation says it was withdrawn", async ({ page, owner, browser }, testInfo) => {
  void owner;
  const invitee = uniqueEmail(testInfo, "withdrawn");
  const link = await inviteTeammate(page, invitee, "Agent");
  await page
    .getByRole("list", { name: "Pending invitations" })
    .getByRole("button", { name: `Withdraw invitation for ${invitee}` })
    .click();
  await expect(page.getByRole("status").filter({ hasText: "Invitation withdrawn." })).toBeVisible();
  await expect(page.getByRole("list", { name: "Pending invitations" })).toHaveCount(0);

  const context = await freshContext(browser, testInfo);
  try {
    const visitor = await context.newPage();
    const response = await visitor.goto(link);
    expect(response?.status()).toBe(410);
    await expect(visitor.getByRole("alert")).toContainText("This invitation was withdrawn.");
    await expect(visitor.getByRole("button", { name: "Create account and join" })).toHaveCount(0);
  } finally {
    await context.close();
  }
});

test("inviting the same address again replaces the earlier link", async ({ page, owner, appURL, browser }, testInfo) => {
  void owner;
  const invitee = uniqueEmail(testInfo, "again");
  const first = await inviteByHttp(page.request, appURL, invitee);
  const second = await inviteTeammate(page, invitee, "Agent");
  expect(second).not.toBe(first);
  await expect(page.getByRole("list", { name: "Pending invitations" }).getByRole("listitem")).toHaveCount(1);

  const context = await freshContext(browser, testInfo);
  try {
    const visitor = await context.newPage();
    await visitor.goto(first);
    await expect(visitor.getByRole("alert")).toContainText("withdrawn");
    await visitor.goto(second);
    await expect(visitor.getByRole("button", { name: "Create account and join" })).toBeVisible();
  } finally {
    await context.close();
  }
});

test("an invitation opened while signed in as someone else says it is for another address", async ({
  page,
  owner,
  appURL,
  browser,
}, testInfo) => {
  void owner;
  const invitee = uniqueEmail(testInfo, "intended");
  const link = await inviteByHttp(page.request, appURL, invitee);

  const someoneElse = newAccount(testInfo, "other");
  const { context, page: otherPage } = await signedUpContext(browser, testInfo, someoneElse);
  try {
    await otherPage.goto(link);
    await expect(otherPage.getByRole("heading", { level: 1 })).toHaveText(`Join ${owner.organizationName}`);
    await expect(otherPage.getByRole("alert")).toContainText(
      `You are signed in as ${someoneElse.email}. This invitation is for ${invitee}`,
    );
    await expect(otherPage.getByRole("button", { name: "Accept invitation" })).toBeDisabled();

    // The server refuses too, even if the button is forced.
    const refused = await otherPage.request.post(new URL(link).pathname, {
      form: { intent: "accept" },
      headers: { Origin: appURL },
      maxRedirects: 0,
    });
    expect(refused.status()).toBe(403);
    expect(await refused.text()).toContain(`This invitation was sent to ${invitee}.`);
    await otherPage.goto("/settings");
    await expect(otherPage.getByRole("complementary").getByRole("combobox").getByRole("option")).toHaveCount(1);
  } finally {
    await context.close();
  }

  // The invitation is still pending for the right person.
  await page.goto("/settings/members");
  await expect(page.getByRole("list", { name: "Pending invitations" })).toContainText(invitee);
});
