// Names in Devanagari survive the whole round trip without JavaScript: the
// server-rendered page carries them as valid UTF-8, and saving the edit form
// stores exactly what was typed.
import { expect, sameOrigin, test } from "./fixtures";

const NAME = "प्रिया शर्मा राजेश कुमार वर्मा";
const EDITED = "प्रिया शर्मा राजेश कुमार वर्मा (नई दिल्ली) ₹499 🚀";
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

test.use({ javaScriptEnabled: false });

test("a Devanagari name is served as valid UTF-8 and saved back unchanged without JavaScript", async ({ page, owner, appURL }) => {
  test.slow();
  void owner;
  async function createContact(index: number, email: string) {
    const created = await page.request.post("/contacts/new", {
      form: { intent: "create", name: NAME, phone: `98111 ${String(22300 + index)}`, email },
      headers: sameOrigin(appURL),
      maxRedirects: 0,
    });
    expect(created.status()).toBe(302);
    return created.headers()["location"]!;
  }
  async function rawPage(path: string) {
    const body = await (await page.request.get(path)).body();
    expect(body.includes(0), `no NUL byte in ${path}`).toBe(false);
    return strictUtf8.decode(body);
  }
  // Emails of 12 to 42 characters move the name to different places in the
  // page's stream (the first report was a 32-character email).
  let path = "";
  for (let index = 0; index <= 30; index++) {
    const email = `${"p".repeat(index + 1)}@example.in`;
    path = await createContact(index, email);
    expect(await rawPage(path)).toContain(`value="${NAME}"`);
  }

  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1, name: NAME })).toBeVisible();
  await page.getByText("Edit details").click();
  await expect(page.getByLabel("Name")).toHaveValue(NAME);
  await page.getByLabel("Name").fill(EDITED);
  await page.getByRole("button", { name: "Save details" }).click();
  await expect(page.getByRole("heading", { level: 1, name: EDITED })).toBeVisible();
  await page.getByText("Edit details").click();
  await expect(page.getByLabel("Name")).toHaveValue(EDITED);
  expect(await rawPage(path)).toContain(`value="${EDITED}"`);
});
