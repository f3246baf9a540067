// Website forms: an admin creates a form, a plain HTML page (or another
// website's script) posts to its endpoint, and the lead appears among the contacts.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "./fixtures";

function phoneFor(seed: number): string {
  return String(8_000_000_000 + (seed % 900_000_000));
}

test("create a web form, post to it from a plain HTML page, and find the contact", async ({ page, owner: _owner, browser }, testInfo) => {
  await page.goto("/settings/forms");
  await page.getByLabel("Form name").fill("Free indicator trial");
  await page.getByLabel("Tags to add (optional)").fill("webinar-lead, trial");
  await page.getByRole("button", { name: "Create form" }).click();
  await expect(page.getByText('Form "Free indicator trial" created.')).toBeVisible();

  const forms = page.getByRole("list", { name: "Web forms" });
  await expect(forms.getByRole("heading", { name: "Free indicator trial On" })).toBeVisible();
  await expect(forms.getByText("webinar-lead, trial")).toBeVisible();
  const endpoint = await page.getByLabel("Endpoint (POST)").inputValue();
  expect(endpoint).toMatch(/\/webhooks\/forms\/[A-Za-z0-9_-]{24}$/);
  await page.getByText("HTML snippet for your website").click();
  const snippet = await page.getByLabel("HTML snippet for Free indicator trial").inputValue();
  expect(snippet).toContain(`action="${endpoint}"`);
  expect(snippet).toContain('name="website"');

  // A visitor on some other website, without a session: a plain HTML form.
  const visitor = await browser.newContext();
  const site = await visitor.newPage();
  const phone = phoneFor(Date.now() + testInfo.workerIndex);
  await site.setContent(`<!doctype html>
    <form action="${endpoint}" method="post">
      <label>Name <input name="name" value="Website Visitor"></label>
      <label>Phone <input name="phone" value="${phone}"></label>
      <label>Email <input name="email" value="visitor@example.in"></label>
      <textarea name="message">Please send the trial link</textarea>
      <input name="website" value="">
      <button type="submit">Send</button>
    </form>`);
  await site.getByRole("button", { name: "Send" }).click();
  await expect(site.locator("body")).toContainText('{"ok":true}');
  await visitor.close();

  await page.goto(`/contacts?q=${phone}`);
  await expect(page.getByText("Website Visitor")).toBeVisible();

  // The form's latest submissions link to the contact.
  await page.goto("/settings/forms");
  await expect(page.getByRole("link", { name: "Website Visitor" })).toBeVisible();

  // Switched off, the endpoint answers 404.
  await page.getByRole("button", { name: "Switch off Free indicator trial" }).click();
  await expect(page.getByText("Form switched off")).toBeVisible();
  const refused = await page.request.post(endpoint, { form: { name: "Late", phone: phoneFor(Date.now() + 7) } });
  expect(refused.status()).toBe(404);
});

/** A customer's website on another origin: a page whose script posts the form as JSON with fetch() and shows the answer. */
async function startCustomerSite(endpoint: string): Promise<{ origin: string; close: () => Promise<void> }> {
  const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Indicator shop</title></head>
<body>
  <form id="lead">
    <label>Name <input name="name"></label>
    <label>Phone <input name="phone"></label>
    <button type="submit">Send</button>
  </form>
  <p role="status" id="answer"></p>
  <script>
    document.getElementById("lead").addEventListener("submit", async (event) => {
      event.preventDefault();
      const answer = document.getElementById("answer");
      const fields = Object.fromEntries(new FormData(event.target));
      try {
        const response = await fetch(${JSON.stringify(endpoint)}, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify(fields),
        });
        const body = await response.json();
        answer.textContent = response.status + " " + (body.ok ? "Thanks, we'll call you." : body.error);
      } catch (error) {
        answer.textContent = "Blocked: " + error.message;
      }
    });
  </script>
</body></html>`;
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

test("a page on another website posts JSON with fetch() and reads the answer; listing websites refuses others", async ({ page, owner: _owner, browser }, testInfo) => {
  await page.goto("/settings/forms");
  await page.getByLabel("Form name").fill("Shop enquiries");
  await page.getByRole("button", { name: "Create form" }).click();
  await expect(page.getByText('Form "Shop enquiries" created.')).toBeVisible();
  await expect(page.getByTestId("allowed-origins")).toHaveText("Any website");
  const endpoint = await page.getByLabel("Endpoint (POST)").inputValue();

  const site = await startCustomerSite(endpoint);
  const visitor = await browser.newContext();
  try {
    const shop = await visitor.newPage();
    const send = async (name: string, phone: string) => {
      await shop.goto(site.origin);
      await shop.getByLabel("Name").fill(name);
      await shop.getByLabel("Phone").fill(phone);
      await shop.getByRole("button", { name: "Send" }).click();
    };
    const phone = phoneFor(Date.now() + testInfo.workerIndex * 1_000 + 11);
    await send("Fetch Visitor", phone);
    await expect(shop.getByRole("status")).toHaveText("200 Thanks, we'll call you.");
    // The page reads errors too.
    await send("Typo Visitor", "12345");
    await expect(shop.getByRole("status")).toHaveText("400 Enter a valid phone number, for example 98765 43210.");

    await page.goto(`/contacts?q=${phone}`);
    await expect(page.getByText("Fetch Visitor")).toBeVisible();

    // The owner lets only their real website post: a bad entry is named, then a good list is saved.
    await page.goto("/settings/forms");
    await page.getByText("Change which websites may post").click();
    const websites = page.getByLabel("Websites allowed to post to Shop enquiries");
    await websites.fill("www.example.in/contact");
    await page.getByRole("button", { name: "Save websites" }).click();
    await expect(page.getByText('"www.example.in/contact" isn\'t a website address.')).toBeVisible();
    await websites.fill("https://www.example.in");
    await page.getByRole("button", { name: "Save websites" }).click();
    await expect(page.getByText("Saved: only https://www.example.in may post to this form.")).toBeVisible();
    await expect(page.getByTestId("allowed-origins")).toHaveText("https://www.example.in");

    // The page on 127.0.0.1 is not listed: the browser gets no CORS answer and nothing is stored.
    const refusedPhone = phoneFor(Date.now() + testInfo.workerIndex * 1_000 + 12);
    await send("Copycat Visitor", refusedPhone);
    await expect(shop.getByRole("status")).toHaveText(/^Blocked: /);
    await page.goto(`/contacts?q=${refusedPhone}`);
    await expect(page.getByText("Copycat Visitor")).toHaveCount(0);

    // Listed, it works again.
    await page.goto("/settings/forms");
    await page.getByText("Change which websites may post").click();
    await page.getByLabel("Websites allowed to post to Shop enquiries").fill(`https://www.example.in\n${site.origin}`);
    await page.getByRole("button", { name: "Save websites" }).click();
    await expect(page.getByTestId("allowed-origins")).toHaveText(`https://www.example.in, ${site.origin}`);
    await send("Listed Visitor", refusedPhone);
    await expect(shop.getByRole("status")).toHaveText("200 Thanks, we'll call you.");
  } finally {
    await visitor.close();
    await site.close();
  }
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("allowed websites: a bad entry comes back with its error and the typed text; a good list is saved", async ({ page, owner: _owner }) => {
    await page.goto("/settings/forms");
    await page.getByLabel("Form name").fill("No-JS form");
    await page.getByLabel("Websites allowed to post (optional)").fill("https://shop.example.in");
    await page.getByRole("button", { name: "Create form" }).click();
    await expect(page.getByText('Form "No-JS form" created.')).toBeVisible();
    await expect(page.getByTestId("allowed-origins")).toHaveText("https://shop.example.in");

    await page.getByText("Change which websites may post").click();
    const websites = page.getByLabel("Websites allowed to post to No-JS form");
    await websites.fill("https://shop.example.in\nftp://files.example.in");
    await page.getByRole("button", { name: "Save websites" }).click();
    await expect(page.getByText('"ftp://files.example.in" isn\'t a website address.')).toBeVisible();
    await expect(page.getByLabel("Websites allowed to post to No-JS form")).toHaveValue("https://shop.example.in\nftp://files.example.in");

    await page.getByLabel("Websites allowed to post to No-JS form").fill("");
    await page.getByRole("button", { name: "Save websites" }).click();
    await expect(page.getByText("Saved: any website may post to this form.")).toBeVisible();
    await expect(page.getByTestId("allowed-origins")).toHaveText("Any website");
  });
});
