// An admin's change to the templates or the opt-out words reaches pages already open, without a
// reload: the chat's template picker, the templates page and the opt-out words' page.
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, gotoHydrated, test, trpcMutation } from "./fixtures";
import { openChatWorld } from "./chat-world";

async function markStayed(page: Page) {
  await page.evaluate(() => ((window as unknown as { stayedOnPage: boolean }).stayedOnPage = true));
}

async function stayedOnPage(page: Page) {
  return page.evaluate(() => (window as unknown as { stayedOnPage?: boolean }).stayedOnPage === true);
}

function approvedTemplate(name: string) {
  return {
    name,
    channelKind: "WHATSAPP",
    language: "en",
    category: "UTILITY",
    approvalStatus: "APPROVED",
    contentSid: `HX${randomBytes(16).toString("hex")}`,
    body: "Namaste {{firstName}}, your demo is at {{time}}.",
  };
}

test("a template approved elsewhere appears in the open chat's picker and on the open templates page", async ({ page, owner, appURL }) => {
  void owner;
  const world = await openChatWorld(page, "Farah");
  await gotoHydrated(page, world.conversationPath);
  await expect(page.getByText("No approved templates for this channel yet.")).toBeVisible();
  await expect(page.getByRole("complementary").getByTitle("Live updates: Live")).toBeVisible();
  await markStayed(page);

  const created = await trpcMutation(page.request, appURL, "messageTemplate.create", approvedTemplate("demo_time"));
  expect(created.status, created.text).toBe(200);
  await page.getByText("Send a template").click({ timeout: 15_000 });
  expect(await stayedOnPage(page)).toBe(true);
  await page.getByRole("combobox", { name: "Template", exact: true }).selectOption({ label: "demo_time (en)" });
  await expect(page.getByRole("form", { name: "Template demo_time" }).getByTestId("template-preview")).toContainText("Needs a value for {{time}}.");

  await gotoHydrated(page, "/settings/templates");
  const list = page.getByRole("list", { name: "Templates" });
  await expect(list.getByRole("listitem", { name: /demo_time/ })).toBeVisible();
  await markStayed(page);
  const second = await trpcMutation(page.request, appURL, "messageTemplate.create", approvedTemplate("payment_due"));
  expect(second.status, second.text).toBe(200);
  await expect(list.getByRole("listitem", { name: /payment_due \(WhatsApp, en\)/ })).toBeVisible({ timeout: 15_000 });
  expect(await stayedOnPage(page)).toBe(true);
});

test("an opt-out word added elsewhere appears on the open opt-out page", async ({ page, owner, appURL }) => {
  void owner;
  await gotoHydrated(page, "/settings/opt-out");
  const words = page.getByRole("list", { name: /opt-out words/i });
  await expect(words).toContainText("unsubscribe");
  await expect(words).not.toContainText("nahi chahiye");
  await markStayed(page);
  const added = await trpcMutation(page.request, appURL, "optOutKeyword.add", { list: "OPT_OUT", word: "nahi chahiye" });
  expect(added.status, added.text).toBe(200);
  await expect(words).toContainText("nahi chahiye", { timeout: 15_000 });
  expect(await stayedOnPage(page)).toBe(true);
});
