// The contacts list and board on a 360-px phone with long tags and names: the
// filter lists stay inside the screen, and the board has a way to jump to a stage.
import type { APIRequestContext } from "@playwright/test";
import { expect, sameOrigin, test } from "./fixtures";
import { expectNothingWiderThanViewport } from "./viewport";

async function createContactByHttp(request: APIRequestContext, appURL: string, form: Record<string, string>) {
  const response = await request.post("/contacts/new", { form: { intent: "create", ...form }, headers: sameOrigin(appURL), maxRedirects: 0 });
  expect(response.status(), `create ${form.name}`).toBe(302);
  return response.headers()["location"]!;
}

async function tagByHttp(request: APIRequestContext, appURL: string, path: string, name: string) {
  const response = await request.post(path, { form: { intent: "addTag", name }, headers: sameOrigin(appURL), maxRedirects: 0 });
  expect(response.status(), `tag ${name}`).toBe(302);
}

const LONG_TAG = `niftyoptionsbuyerwhoaskedaboutthescalperindicator${"z".repeat(11)}`; // 60 characters, no break

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });

    test("a 60-character tag in the Tags filter stays inside the screen, and Apply filters by it", async ({ page, owner, appURL }) => {
      void owner;
      expect(LONG_TAG).toHaveLength(60);
      const tagged = await createContactByHttp(page.request, appURL, { name: "Tagged Trader", phone: "98450 11223" });
      await createContactByHttp(page.request, appURL, { name: "Untagged Trader", phone: "98450 11224" });
      await tagByHttp(page.request, appURL, tagged, LONG_TAG);

      await page.goto("/contacts");
      await expectNothingWiderThanViewport(page);
      await page.locator("summary", { hasText: "Tags" }).click();
      const choice = page.getByRole("checkbox", { name: LONG_TAG });
      await expect(choice).toBeVisible();
      await expectNothingWiderThanViewport(page);
      const apply = page.getByRole("button", { name: "Apply tags filter" });
      await apply.scrollIntoViewIfNeeded();
      await expect(apply).toBeInViewport({ ratio: 1 });
      await choice.check();
      await apply.click();
      await expect(page).toHaveURL(/[?&]tag=/);
      await expect(page.getByText("1 contact matches this view")).toBeVisible();
      await expect(page.getByRole("link", { name: "Tagged Trader" }).first()).toBeVisible();
      await expect(page.getByRole("link", { name: "Untagged Trader" })).toHaveCount(0);
      await expectNothingWiderThanViewport(page);
    });

    test("the board on a phone has a jump-to-stage list that reaches each column", async ({ page, owner, appURL }) => {
      void owner;
      await createContactByHttp(page.request, appURL, { name: "Board Lead", phone: "98450 22334" });
      await page.goto("/board");
      await expectNothingWiderThanViewport(page);
      const jump = page.getByRole("navigation", { name: "Jump to a stage" });
      await expect(jump).toBeInViewport();
      await jump.getByRole("link", { name: /^Churned/ }).click();
      await expect(page).toHaveURL(/#stage-CHURNED$/);
      const column = page.getByRole("region", { name: "Churned column" });
      await expect(column.getByRole("heading", { name: "Churned" })).toBeInViewport({ ratio: 1 });
      await expect(jump.getByRole("link", { name: /^New/ })).toHaveAccessibleName("New, 1 contact");
    });
  });
}
