// The inbox in a browser. Without JavaScript: views, the filter form, Older pages and the assign form.
// With JavaScript: a customer's signed webhook makes the row and the bell's count appear without a reload.
import { expect, test, gotoHydrated, trpcMutation } from "./fixtures";
import { createSandboxChannel, customerPhone, postInbound } from "./inbound-webhook";

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("filter by channel, page to older conversations, assign one to myself", async ({ page, owner, appURL }) => {
    // Everything stays unassigned, so the views differ.
    const off = await trpcMutation(page.request, appURL, "organization.setAutoAssign", { enabled: false });
    expect(off.status, off.text).toBe(200);
    const whatsapp = await createSandboxChannel(page.request, appURL, { kind: "WHATSAPP", name: "Sales WhatsApp", address: "+91 98200 00021" });
    const sms = await createSandboxChannel(page.request, appURL, { kind: "SMS", name: "Support SMS", address: "+91 98200 00022" });
    for (let i = 1; i <= 52; i++) {
      await postInbound(page.request, { ...whatsapp, address: "+919820000021" }, { from: customerPhone(), body: `Question ${i}`, name: `Buyer ${String(i).padStart(2, "0")}` });
    }
    await postInbound(page.request, { ...sms, address: "+919820000022" }, { from: customerPhone(), body: "Call me back please", name: "Texting Tara" });

    // The worker files them: 53 unread conversations, all unassigned.
    await expect(async () => {
      await page.goto("/inbox?view=unassigned");
      await expect(page.getByTestId("unread-unassigned")).toHaveText("53", { timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
    await expect(page.getByTestId("unread-mine")).toHaveText("0");
    await expect(page.getByTestId("inbox-row")).toHaveCount(50);
    // Newest first: the SMS came last.
    await expect(page.getByTestId("inbox-row").first()).toContainText("Texting Tara");
    await expect(page.getByTestId("inbox-row").first()).toContainText("Call me back please");

    await page.getByRole("link", { name: "Older" }).click();
    await expect(page.getByTestId("inbox-row")).toHaveCount(3);
    await expect(page.getByTestId("inbox-row").last()).toContainText("Buyer 01");
    await expect(page.getByRole("link", { name: "Older" })).toHaveCount(0);
    await page.getByRole("link", { name: "Newest" }).click();
    await expect(page.getByTestId("inbox-row")).toHaveCount(50);

    const filters = page.getByRole("form", { name: "Filter conversations" });
    await filters.getByLabel("Channel").selectOption({ label: "Every SMS channel" });
    await filters.getByRole("button", { name: "Filter" }).click();
    await expect(page).toHaveURL(/channel=SMS/);
    await expect(page.getByTestId("inbox-row")).toHaveCount(1);

    await page.getByLabel("Assignee for Texting Tara").selectOption({ label: `${owner.name} (you)` });
    await page.getByRole("button", { name: "Assign Texting Tara's conversation" }).click();
    await expect(page.getByText(`Assigned to ${owner.name}.`)).toBeVisible();
    // No longer unassigned: it is in Mine now.
    await expect(page.getByTestId("inbox-row")).toHaveCount(0);
    await page.getByRole("link", { name: /^Mine/ }).click();
    await expect(page.getByTestId("inbox-row")).toHaveCount(1);
    await expect(page.getByTestId("inbox-row")).toContainText(owner.name);
    await expect(page.getByTestId("unread-mine")).toHaveText("1");
    await expect(page.getByTestId("unread-unassigned")).toHaveText("52");
  });
});

test("with JavaScript, a customer's message makes the row and the bell count appear without a reload", async ({ page, owner, appURL }) => {
  void owner;
  const whatsapp = await createSandboxChannel(page.request, appURL, { kind: "WHATSAPP", name: "Live WhatsApp", address: "+91 98200 00031" });
  await gotoHydrated(page, "/inbox?view=all");
  await expect(page.getByText("No conversations here yet.")).toBeVisible();
  const bell = page.locator("aside").getByTestId("notification-bell");
  await expect(bell).toHaveAccessibleName("Notifications");
  await expect(page.getByRole("complementary").getByTitle("Live updates: Live")).toBeVisible();

  await postInbound(page.request, { ...whatsapp, address: "+919820000031" }, { from: customerPhone(), body: "Is the course still open?", name: "Live Lakshmi" });

  // The round-robin gives it to the only member (the owner), who is notified.
  const row = page.getByTestId("inbox-row").filter({ hasText: "Live Lakshmi" });
  await expect(row).toBeVisible({ timeout: 15_000 });
  await expect(row).toContainText("Is the course still open?");
  await expect(bell).toHaveAccessibleName("Notifications, 1 unread");
  await expect(page.locator("aside").getByTestId("nav-inbox-unread")).toHaveText("1");

  // The bell leads to the notification; opening it marks it read and goes to the conversation.
  await bell.click();
  await expect(page.getByRole("heading", { name: "Notifications" })).toBeVisible();
  const notification = page.getByTestId("notification").first();
  await expect(notification).toContainText("Live Lakshmi");
  await notification.getByRole("button").click();
  await expect(page).toHaveURL(/\/inbox\/[0-9a-f-]{36}$/);
  await page.goto("/notifications");
  await expect(page.getByText("You're all caught up.")).toBeVisible();
});
