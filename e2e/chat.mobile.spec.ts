// The conversation page on a 360-px phone. Without JavaScript: read the customer, send a text and
// see its tick, add an internal note, insert a quick reply, see the template picker, resolve and a
// refused snooze, assign from the header, read the profile tab. With JavaScript: the message shows at once (clock tick)
// before the server answers, ticks move to read, a new customer message appears without a reload,
// "/pr" offers the quick reply.
import type { Page } from "@playwright/test";
import { expect, gotoHydrated, test } from "./fixtures";
import { expectNothingWiderThanViewport } from "./viewport";
import { customerWrites, openChatWorld } from "./chat-world";

async function addQuickReply(page: Page) {
  await page.goto("/settings/quick-replies");
  await page.getByLabel("Shortcut").fill("price");
  await page.getByLabel("Title").fill("Price list");
  await page.getByLabel("Reply text").fill("The indicator is ₹2,999 a month.");
  await page.getByRole("button", { name: "Add quick reply" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Quick reply /price added." })).toBeVisible();
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("read, send with a tick, note, quick reply, template picker, status and snooze, assign, profile tab", async ({ page, owner }) => {
    void owner;
    await addQuickReply(page);
    const world = await openChatWorld(page, "Meera");
    const messages = page.getByRole("list", { name: "Conversation" });
    await expect(messages.getByRole("article", { name: "Message from the customer" })).toContainText("Hello, what is the price?");
    await expect(page.getByTestId("notice-window")).toContainText(/WhatsApp window closes in 23 h/);
    await expectNothingWiderThanViewport(page);

    // A plain post: the page comes back with the message and its tick.
    await page.getByLabel("Message", { exact: true }).fill("Namaste! It is ₹2,999 a month.");
    await page.getByRole("button", { name: "Send", exact: true }).click();
    const sent = messages.getByRole("article", { name: "Message sent" }).filter({ hasText: "Namaste! It is ₹2,999 a month." });
    await expect(sent).toBeVisible();
    await expect(sent.getByRole("img", { name: /^(Queued|Sending|Sent|Delivered|Read)$/ })).toBeVisible();

    // An internal note: yellow, labelled, no tick.
    await page.getByLabel("Internal note (not sent)").check();
    await page.getByLabel("Message", { exact: true }).fill("Wants the annual plan; call after 6.");
    await page.getByRole("button", { name: "Send", exact: true }).click();
    const note = messages.getByRole("article", { name: "Internal note" });
    await expect(note).toContainText("Internal note — not sent");
    await expect(note).toContainText("Wants the annual plan; call after 6.");
    await expect(note.getByRole("img")).toHaveCount(0);

    // A quick reply from the list goes into the box after what was typed.
    await page.getByLabel("Message", { exact: true }).fill("Sure!");
    await page.getByLabel("Quick reply").selectOption({ label: "/price · Price list" });
    await page.getByRole("button", { name: "Insert" }).click();
    await expect(page.getByLabel("Message", { exact: true })).toHaveValue("Sure!\nThe indicator is ₹2,999 a month.");

    // No template is approved for this new organization yet: the composer says so.
    await expect(page.getByText("No approved templates for this channel yet.")).toBeVisible();

    // Status: resolve, then a snooze in the past is refused under its field.
    await page.getByRole("button", { name: "Resolve" }).click();
    await expect(page.getByTestId("conversation-status")).toHaveText("Resolved");
    await page.getByText("Snooze…").click();
    await page.getByLabel("Snooze until").fill("2020-01-01T09:00");
    await page.getByRole("button", { name: "Snooze", exact: true }).click();
    await expect(page.getByText(/Choose a time after now/)).toBeVisible();
    await expect(page.getByTestId("conversation-status")).toHaveText("Resolved");
    await expectNothingWiderThanViewport(page);

    // Assign from the header: to nobody, then back to me.
    const assignee = page.getByLabel(`Assignee for ${world.customerName}`);
    await assignee.selectOption({ label: "Nobody" });
    await page.getByRole("button", { name: `Assign ${world.customerName}'s conversation` }).click();
    await expect(page.getByRole("status").filter({ hasText: "Unassigned." })).toBeVisible();
    await expect(assignee).toHaveValue("");
    const me = await assignee.locator("option", { hasText: "(you)" }).getAttribute("value");
    await assignee.selectOption(me!);
    await page.getByRole("button", { name: `Assign ${world.customerName}'s conversation` }).click();
    await expect(page.getByRole("status").filter({ hasText: /^Assigned to / })).toBeVisible();
    await expect(assignee).toHaveValue(me!);
    await expectNothingWiderThanViewport(page);

    // The Profile tab shows the contact behind the chat.
    await page.getByRole("navigation", { name: "Conversation" }).getByRole("link", { name: "Profile" }).click();
    const profile = page.getByRole("region", { name: "Contact profile" });
    await expect(profile).toContainText(world.customerName);
    await expect(profile.getByRole("link", { name: "Open the full contact page" })).toBeVisible();
    await expect(page.getByRole("list", { name: "Conversation" })).toBeHidden();
    await expectNothingWiderThanViewport(page);
  });
});

test.describe("with JavaScript", () => {
  test("optimistic send, ticks move to read, a new inbound message appears live, /pr offers a quick reply", async ({ page, owner }) => {
    void owner;
    await addQuickReply(page);
    const world = await openChatWorld(page, "Arjun");
    await gotoHydrated(page, world.conversationPath);
    const messages = page.getByRole("list", { name: "Conversation" });

    // Hold the send's post so the message can be seen before the server has answered.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(`**${world.conversationPath}?*`, async (route) => {
      if (route.request().method() === "POST") await held;
      await route.continue();
    });
    await page.getByLabel("Message", { exact: true }).fill("Sending you the link now.");
    await page.getByRole("button", { name: "Send", exact: true }).click();
    const pending = messages.locator("li[aria-busy=true]").filter({ hasText: "Sending you the link now." });
    await expect(pending).toBeVisible();
    await expect(pending.getByRole("img", { name: "Queued" })).toBeVisible();
    await expect(page.getByLabel("Message", { exact: true })).toHaveValue("");
    release();
    const real = messages.locator("li:not([aria-busy])").filter({ hasText: "Sending you the link now." });
    await expect(real).toHaveCount(1);
    await expect(pending).toHaveCount(0);

    // The sandbox reports sent → delivered → read; the tick follows without a reload.
    await page.evaluate(() => ((window as unknown as { stayedOnPage: boolean }).stayedOnPage = true));
    await expect(real.getByRole("img", { name: "Read" })).toBeVisible({ timeout: 20_000 });

    // The customer writes again: it appears without a reload.
    await customerWrites(page, world, { Body: "Got it, paying now" });
    await expect(messages.getByRole("article", { name: "Message from the customer" }).filter({ hasText: "Got it, paying now" })).toBeVisible({ timeout: 15_000 });
    expect(await page.evaluate(() => (window as unknown as { stayedOnPage?: boolean }).stayedOnPage)).toBe(true);

    // "/pr" offers the quick reply; Enter puts its text in the box.
    const box = page.getByLabel("Message", { exact: true });
    await box.fill("Here you go: /pr");
    await expect(page.getByRole("listbox", { name: "Quick replies" }).getByRole("option", { name: /\/price/ })).toBeVisible();
    await box.press("Enter");
    await expect(box).toHaveValue("Here you go: The indicator is ₹2,999 a month.");
    await expectNothingWiderThanViewport(page);
  });
});
