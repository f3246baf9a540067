// Follow-ups: scheduled from a contact, listed under Today and Overdue in IST,
// marked done or cancelled from the list, cancelled from the contact page.
import type { APIRequestContext } from "@playwright/test";
import { expect, sameOrigin, test } from "./fixtures";

async function createContactByHttp(request: APIRequestContext, appURL: string, form: Record<string, string>) {
  const response = await request.post("/contacts/new", { form: { intent: "create", ...form }, headers: sameOrigin(appURL), maxRedirects: 0 });
  expect(response.status()).toBe(302);
  return response.headers()["location"]!;
}

async function scheduleByHttp(request: APIRequestContext, appURL: string, path: string, form: Record<string, string>) {
  const response = await request.post(path, { form: { intent: "scheduleFollowUp", ...form }, headers: sameOrigin(appURL), maxRedirects: 0 });
  expect(response.status()).toBe(302);
}

/** A datetime-local value in IST, `days` from today at hh:mm. */
function istLocal(days: number, time: string): string {
  const ist = new Date(Date.now() + 330 * 60 * 1000 + days * 24 * 60 * 60 * 1000);
  return `${ist.toISOString().slice(0, 10)}T${time}`;
}

/** A datetime-local value in IST, `minutes` ago (times further back than a few minutes are refused). */
function istMinutesAgo(minutes: number): string {
  return new Date(Date.now() + 330 * 60 * 1000 - minutes * 60 * 1000).toISOString().slice(0, 16);
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`follow-ups ${javaScriptEnabled ? "with" : "without"} JavaScript`, () => {
    test.use({ javaScriptEnabled });

    test("today and overdue lists, and marking one done", async ({ page, owner, appURL }) => {
      test.slow(); // three contacts and three follow-ups through the UI
      void owner;
      const today = await createContactByHttp(page.request, appURL, { name: "Today Person", phone: "98200 11111" });
      const late = await createContactByHttp(page.request, appURL, { name: "Late Person", phone: "98200 22222" });
      const later = await createContactByHttp(page.request, appURL, { name: "Later Person", phone: "98200 33333" });
      const schedule = async (path: string, dueAt: string, kind: "Call" | "Message", note: string) => {
        await page.goto(path);
        await page.getByText("Schedule a follow-up").click();
        await page.getByLabel("Kind").selectOption({ label: kind });
        await page.getByLabel("Due (Asia/Kolkata)").fill(dueAt);
        await page.getByLabel("Note (optional)").fill(note);
        await page.getByRole("button", { name: "Schedule follow-up" }).click();
        await expect(page.getByRole("list", { name: "Scheduled follow-ups" })).toContainText(note);
      };
      await schedule(today, istLocal(0, "23:59"), "Call", "Call before the close");
      // Times further back are refused; this one is overdue as soon as it is saved.
      await schedule(late, istMinutesAgo(2), "Message", "Send the offer");
      await schedule(later, istLocal(2, "10:00"), "Call", "Check in after expiry");

      await page.goto("/follow-ups");
      const todayList = page.getByRole("list", { name: "Today" });
      const overdueList = page.getByRole("list", { name: "Overdue" });
      const upcomingList = page.getByRole("list", { name: "Upcoming" });
      await expect(todayList).toContainText("Today Person");
      await expect(todayList).toContainText("Call before the close");
      await expect(overdueList).toContainText("Late Person");
      await expect(overdueList).toContainText("Overdue");
      await expect(overdueList).not.toContainText("Today Person");
      // Due a moment ago, earlier today: listed once, under Overdue only.
      await expect(todayList).not.toContainText("Late Person");
      await expect(upcomingList).toContainText("Later Person");

      await overdueList.getByRole("button", { name: "Mark message with Late Person done" }).click();
      await expect(page.getByText("Nothing overdue.")).toBeVisible();
      if (!javaScriptEnabled) await expect(page.getByRole("status")).toContainText("Follow-up done.");

      await todayList.getByRole("link", { name: "Today Person" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Today Person" })).toBeVisible();
      await page.goto(late);
      await expect(page.getByRole("list", { name: "Timeline" })).toContainText("marked a message done");
    });

    test("a due time in the past is refused with a field error and nothing is scheduled", async ({ page, owner, appURL }) => {
      void owner;
      const path = await createContactByHttp(page.request, appURL, { name: "Past Person", phone: "98200 55555" });
      await page.goto(path);
      await page.getByText("Schedule a follow-up").click();
      await page.getByLabel("Due (Asia/Kolkata)").fill("2020-01-15T10:00");
      await page.getByLabel("Note (optional)").fill("Too late");
      await page.getByRole("button", { name: "Schedule follow-up" }).click();
      await expect(page.getByLabel("Due (Asia/Kolkata)")).toHaveAccessibleDescription("That time has already passed. Choose a time from now on");
      await expect(page.getByLabel("Note (optional)")).toHaveValue("Too late");
      await page.goto(path);
      await expect(page.getByText("Nothing scheduled.")).toBeVisible();
      await expect(page.getByRole("list", { name: "Timeline" })).not.toContainText("scheduled a");
    });

    test("cancelling from the list and from the contact page", async ({ page, owner, appURL }) => {
      const path = await createContactByHttp(page.request, appURL, { name: "Cancel Person", phone: "98200 44444" });
      await scheduleByHttp(page.request, appURL, path, { kind: "CALL", dueAt: istLocal(0, "23:58"), note: "Call about renewal" });
      await scheduleByHttp(page.request, appURL, path, { kind: "MESSAGE", dueAt: istLocal(3, "11:00"), note: "Send the brochure" });

      await page.goto("/follow-ups");
      const todayList = page.getByRole("list", { name: "Today" });
      await expect(todayList).toContainText("Call about renewal");
      await todayList.getByRole("button", { name: "Cancel call with Cancel Person" }).click();
      await expect(page.getByText("Nothing due today.")).toBeVisible();
      if (!javaScriptEnabled) await expect(page.getByRole("status")).toContainText("Follow-up cancelled.");
      await expect(page.getByRole("list", { name: "Upcoming" })).toContainText("Send the brochure");

      await page.goto(path);
      const scheduled = page.getByRole("list", { name: "Scheduled follow-ups" });
      await expect(scheduled).not.toContainText("Call about renewal");
      await scheduled.getByRole("button", { name: /^Cancel message due / }).click();
      await expect(page.getByText("Nothing scheduled.")).toBeVisible();
      await page.getByText("Recently done or cancelled (2)").click();
      const closed = page.getByRole("list", { name: "Closed follow-ups" });
      await expect(closed.getByRole("listitem")).toHaveCount(2);
      for (const item of await closed.getByRole("listitem").all()) await expect(item).toContainText(`cancelled by ${owner.name}`);
      const timeline = page.getByRole("list", { name: "Timeline" });
      await expect(timeline).toContainText(`${owner.name} cancelled a call (due`);
      await expect(timeline).toContainText(`${owner.name} cancelled a message (due`);

      await page.goto("/follow-ups");
      await expect(page.getByText("Nothing due today.")).toBeVisible();
      await expect(page.getByText("Nothing scheduled after today.")).toBeVisible();
    });
  });
}
