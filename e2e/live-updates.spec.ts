// Live updates: a tab opens one stream, whatever the number of components
// listening, for the topics its page shows; a change made elsewhere still
// arrives. The contact timeline pages older events with a plain link.
import type { APIRequestContext, Request } from "@playwright/test";
import { expect, sameOrigin, test, trpcMutation } from "./fixtures";

async function createContactByHttp(request: APIRequestContext, appURL: string, name: string, phone: string) {
  const response = await request.post("/contacts/new", {
    form: { intent: "create", name, phone },
    headers: sameOrigin(appURL),
    maxRedirects: 0,
  });
  expect(response.status(), `create ${name}`).toBe(302);
  const path = response.headers()["location"]!;
  return { path, id: path.split("/").at(-1)! };
}

function isStream(request: Request) {
  return new URL(request.url()).pathname === "/api/events";
}

test("a contact page opens exactly one stream, for its contact, its user and the inbox count, and a note added elsewhere appears", async ({ page, owner, appURL }) => {
  void owner;
  const { path, id } = await createContactByHttp(page.request, appURL, "Live Person", "98111 40001");
  const streams: string[] = [];
  page.on("request", (request) => {
    if (isStream(request)) streams.push(request.url());
  });

  await page.goto(path);
  // The layout, the contact page and its parts all listen; one connection carries them.
  await expect(page.getByRole("complementary").getByTitle("Live updates: Live")).toBeVisible();
  const timeline = page.getByRole("list", { name: "Timeline" });
  await expect(timeline).toContainText("created");

  // Someone else (here: the same account, over the API) adds a note.
  const added = await trpcMutation(page.request, appURL, "contact.addNote", { id, body: "Called from the other tab" });
  expect(added.status, added.text).toBe(200);
  await expect(timeline).toContainText("Called from the other tab");

  expect(streams).toHaveLength(1);
  const topics = new URL(streams[0]!).searchParams.getAll("topic");
  expect(topics).toHaveLength(3);
  expect(topics).toContain(`contact:${id}`);
  expect(topics.find((topic) => topic.startsWith("user:"))).toBeTruthy();
  // The shell's inbox count hears only conversations' list entries.
  expect(topics.find((topic) => topic.startsWith("inbox:"))).toBeTruthy();
  // A contact page does not listen to the whole organization.
  expect(topics.some((topic) => topic.startsWith("organization:"))).toBe(false);
});

test("moving from a contact page to the board reopens the one stream with the board's topics, and a move made elsewhere shows", async ({ page, owner, appURL }) => {
  void owner;
  const { path, id } = await createContactByHttp(page.request, appURL, "Board Mover", "98111 40003");
  const streams: string[] = [];
  page.on("request", (request) => {
    if (isStream(request)) streams.push(request.url());
  });
  await page.goto(path);
  await expect(page.getByRole("complementary").getByTitle("Live updates: Live")).toBeVisible();
  await page.getByRole("complementary").getByRole("link", { name: "Board", exact: true }).click();
  await expect(page).toHaveURL(/\/board$/);
  const engaged = page.getByRole("region", { name: "Engaged column" });
  await expect(page.getByRole("region", { name: "New column" }).getByRole("listitem", { name: "Board Mover" })).toBeVisible();
  await expect.poll(() => streams.length).toBe(2);
  await expect(page.getByRole("complementary").getByTitle("Live updates: Live")).toBeVisible();

  const moved = await trpcMutation(page.request, appURL, "contacts.changeStage", { contactId: id, stage: "ENGAGED" });
  expect(moved.status, moved.text).toBe(200);
  await expect(engaged.getByRole("listitem", { name: "Board Mover" })).toBeVisible();

  // One stream per set of topics, never one per component.
  expect(streams).toHaveLength(2);
  const boardTopics = new URL(streams[1]!).searchParams.getAll("topic");
  expect(boardTopics).toHaveLength(2);
  expect(boardTopics.some((topic) => topic.startsWith("organization:"))).toBe(true);
  expect(boardTopics.some((topic) => topic.startsWith("user:"))).toBe(true);
});

test.describe("the timeline without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("Show older pages back through the timeline and Show newest returns", async ({ page, owner, appURL }) => {
    void owner;
    const { path, id } = await createContactByHttp(page.request, appURL, "Long History", "98111 40002");
    for (let i = 1; i <= 32; i += 1) {
      const added = await trpcMutation(page.request, appURL, "contact.addNote", { id, body: `History note ${i}` });
      expect(added.status, added.text).toBe(200);
    }
    await page.goto(path);
    const timeline = page.getByRole("list", { name: "Timeline" });
    await expect(timeline).toContainText("History note 32");
    await expect(timeline.getByText("History note 1", { exact: true })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Show newest" })).toHaveCount(0);

    await page.getByRole("link", { name: "Show older" }).click();
    await expect(page).toHaveURL(/[?&]before=/);
    await expect(timeline.getByText("History note 1", { exact: true })).toBeVisible();
    await expect(timeline).not.toContainText("History note 32");
    await expect(page.getByRole("link", { name: "Show older" })).toHaveCount(0);

    await page.getByRole("link", { name: "Show newest" }).click();
    await expect(timeline).toContainText("History note 32");
  });
});
