// A customer's message carrying markup, a script and javascript: links is shown as text in the chat:
// nothing runs, no dialog opens, no link or image takes its address.
import { expect, gotoHydrated, test } from "./fixtures";
import { customerWrites, openChatWorld } from "./chat-world";

test("markup, an onerror image and javascript: links in a message run nothing", async ({ page, owner }) => {
  void owner;
  const dialogs: string[] = [];
  page.on("dialog", async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  const hostile = `<img src=x onerror=alert(1)> <a href="javascript:alert(2)">click me</a> javascript:alert(3) <script>alert(4)</script>`;
  const world = await openChatWorld(page, "Sneha", hostile);
  await customerWrites(page, world, {
    Body: "see attachment",
    NumMedia: "1",
    MediaUrl0: "javascript:alert(5)",
    MediaContentType0: "image/png",
  });
  await gotoHydrated(page, world.conversationPath);
  const messages = page.getByRole("list", { name: "Conversation" });
  await expect(messages.getByText(hostile, { exact: true })).toBeVisible();
  await expect(messages.getByText("see attachment")).toBeVisible({ timeout: 15_000 });
  expect(await page.locator("img[src='x']").count()).toBe(0);
  expect(await page.locator("[href^='javascript:' i], [src^='javascript:' i]").count()).toBe(0);
  expect(await page.locator("[onerror]").count()).toBe(0);
  expect(dialogs).toEqual([]);
});
