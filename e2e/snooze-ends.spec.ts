// A snooze runs out while the chat is open: the chat shows the conversation open again and the bell
// rises without a reload, and the notification says it is open again.
import { expect, gotoHydrated, test, trpcMutation } from "./fixtures";
import { openChatWorld } from "./chat-world";

test("when a snooze's time passes, the open chat shows it open and the assignee is told, live", async ({ page, owner, appURL }) => {
  void owner;
  const world = await openChatWorld(page, "Nisha");
  const conversationId = world.conversationPath.split("/").at(-1)!;
  // The customer's first message notified the owner (round-robin): start from a clean bell.
  expect((await trpcMutation(page.request, appURL, "notification.markAllRead", {})).status).toBe(200);

  await gotoHydrated(page, world.conversationPath);
  const bell = page.locator("aside").getByTestId("notification-bell");
  await expect(bell).toHaveAccessibleName("Notifications");
  await expect(page.getByRole("complementary").getByTitle("Live updates: Live")).toBeVisible();
  await page.evaluate(() => ((window as unknown as { stayedOnPage: boolean }).stayedOnPage = true));

  // Snoozed for a few seconds (an exact time with its offset; the form's field only takes minutes).
  const until = new Date(Date.now() + 8_000).toISOString();
  const snoozed = await trpcMutation(page.request, appURL, "conversation.setStatus", { id: conversationId, status: "SNOOZED", snoozeUntil: until });
  expect(snoozed.status, snoozed.text).toBe(200);
  const status = page.getByTestId("conversation-status");
  await expect(status).toHaveText("Snoozed");

  // The job at the snooze's end opens it; the page hears of it.
  await expect(status).toHaveText("Open", { timeout: 20_000 });
  await expect(bell).toHaveAccessibleName("Notifications, 1 unread");
  expect(await page.evaluate(() => (window as unknown as { stayedOnPage?: boolean }).stayedOnPage)).toBe(true);

  await bell.click();
  const notification = page.getByTestId("notification").first();
  await expect(notification).toContainText(`${world.customerName}'s WhatsApp conversation is open again`);
  await expect(notification).toContainText("It was snoozed until");
  await notification.getByRole("button").click();
  await expect(page).toHaveURL(new RegExp(`${world.conversationPath}$`));
  await expect(page.getByTestId("conversation-status")).toHaveText("Open");
});
