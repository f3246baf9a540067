// Website forms: an admin creates a form, a plain HTML page (or another
// website's script) posts to its endpoint, and the lead appears among the contacts.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "./fixtures";

function phoneFor(seed: number): string {
  return String(8_000_000_000 + (seed % 900_000_000));
}

test("create a web form, post to it from a plain HTML page, and find the contact", async ({ page, owner, browser }, testInfo) => {
  // A long flow across two browsers and several pages.
  test.slow();
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
  // No redirect chosen: a thank-you page in the organization's name, not JSON.
  await expect(site.getByRole("heading", { name: "Thank you!" })).toBeVisible();
  await expect(site.getByText(`${owner.organizationName} has received your details and will be in touch soon.`)).toBeVisible();
  await expect(site).toHaveTitle(`Thank you · ${owner.organizationName}`);
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

/**
 * A customer's website with a plain HTML form (no script) that posts to
 * `endpoint`. By default it tells its full address as the referrer; with
 * `pageField` it keeps the browser's default policy (only the website goes to
 * another site) and names its page in the hidden leadlane_page field instead.
 */
async function startPlainSite(endpoint: string, { pageField = false } = {}): Promise<{ origin: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
    const thanked = url.searchParams.get("leadlane") === "thanks";
    url.searchParams.delete("leadlane");
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8">${pageField ? "" : '<meta name="referrer" content="no-referrer-when-downgrade">'}<title>Trial page</title></head>
<body>
  ${thanked ? "<p role=status>Thanks from the shop's own page</p>" : ""}
  <form action="${endpoint}" method="post">
    ${pageField ? `<input type="hidden" name="leadlane_page" value="${url.href}">` : ""}
    <label>Name <input name="name"></label>
    <label>Phone <input name="phone"></label>
    <button type="submit">Send</button>
  </form>
</body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

test("a plain form on a website: mistakes come back as a page naming the field; once right, back to the page with ?leadlane=thanks", async ({ page, owner, browser }, testInfo) => {
  await page.goto("/settings/forms");
  await page.getByLabel("Form name").fill("Back to page form");
  await page.getByLabel("Go back to the page with the form").check();
  await page.getByRole("button", { name: "Create form" }).click();
  await expect(page.getByText('Form "Back to page form" created.')).toBeVisible();
  await expect(page.getByTestId("after-submit")).toHaveText("Visitors go back to the page that posted it (?leadlane=thanks)");
  const endpoint = await page.getByLabel("Endpoint (POST)").inputValue();

  const site = await startPlainSite(endpoint);
  // A visitor on a phone.
  const visitor = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  try {
    const shop = await visitor.newPage();
    await shop.goto(`${site.origin}/trial?plan=gold`);
    await shop.getByLabel("Name").fill("Plain Visitor");
    await shop.getByLabel("Phone").fill("12345");
    await shop.getByRole("button", { name: "Send" }).click();
    await expect(shop.getByRole("heading", { name: "Please check the form" })).toBeVisible();
    await expect(shop.getByRole("listitem")).toHaveText("Phone: Enter a valid phone number, for example 98765 43210.");
    await expect(shop.getByText(owner.organizationName)).toBeVisible();
    // It reads at 360 px: nothing wider than the screen.
    expect(await shop.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await shop.screenshot({ path: testInfo.outputPath("form-problems-360.png") });

    await shop.getByRole("link", { name: "Back to the form" }).click();
    await expect(shop).toHaveURL(`${site.origin}/trial?plan=gold`);
    const phone = phoneFor(Date.now() + testInfo.workerIndex * 1_000 + 21);
    await shop.getByLabel("Name").fill("Plain Visitor");
    await shop.getByLabel("Phone").fill(phone);
    await shop.getByRole("button", { name: "Send" }).click();
    await expect(shop).toHaveURL(`${site.origin}/trial?plan=gold&leadlane=thanks`);
    await expect(shop.getByRole("status")).toHaveText("Thanks from the shop's own page");

    await page.goto(`/contacts?q=${phone}`);
    await expect(page.getByText("Plain Visitor")).toBeVisible();
  } finally {
    await visitor.close();
    await site.close();
  }
});

test("back to the exact page when the browser names only the website: the snippet's hidden page field", async ({ page, owner: _owner, browser }, testInfo) => {
  await page.goto("/settings/forms");
  await page.getByLabel("Form name").fill("Page field form");
  await page.getByLabel("Go back to the page with the form").check();
  await page.getByRole("button", { name: "Create form" }).click();
  await expect(page.getByText('Form "Page field form" created.')).toBeVisible();
  await page.getByText("HTML snippet for your website").first().click();
  await expect(page.getByLabel("HTML snippet for Page field form")).toHaveValue(/<input type="hidden" name="leadlane_page" value="https:\/\/www\.example\.in\/this-page">/);
  const endpoint = await page.getByLabel("Endpoint (POST)").inputValue();

  const site = await startPlainSite(endpoint, { pageField: true });
  const visitor = await browser.newContext();
  try {
    const shop = await visitor.newPage();
    await shop.goto(`${site.origin}/indicators/supertrend?plan=gold`);
    const phone = phoneFor(Date.now() + testInfo.workerIndex * 1_000 + 37);
    await shop.getByLabel("Name").fill("Page Field Visitor");
    await shop.getByLabel("Phone").fill(phone);
    const posted = shop.waitForRequest((request) => request.method() === "POST");
    await shop.getByRole("button", { name: "Send" }).click();
    // The browser told the form's address only the website.
    expect((await posted).headers()["referer"]).toBe(`${site.origin}/`);
    await expect(shop).toHaveURL(`${site.origin}/indicators/supertrend?plan=gold&leadlane=thanks`);
    await expect(shop.getByRole("status")).toHaveText("Thanks from the shop's own page");
  } finally {
    await visitor.close();
    await site.close();
  }
});

test("the thank-you page reads well on a phone", async ({ page, owner, browser }, testInfo) => {
  await page.goto("/settings/forms");
  await page.getByLabel("Form name").fill("Phone thanks");
  await page.getByRole("button", { name: "Create form" }).click();
  await expect(page.getByTestId("after-submit")).toHaveText("Visitors see a thank-you page");
  const endpoint = await page.getByLabel("Endpoint (POST)").inputValue();
  const site = await startPlainSite(endpoint);
  const visitor = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  try {
    const shop = await visitor.newPage();
    await shop.goto(`${site.origin}/enquiry`);
    await shop.getByLabel("Phone").fill(phoneFor(Date.now() + testInfo.workerIndex * 1_000 + 31));
    await shop.getByRole("button", { name: "Send" }).click();
    await expect(shop.getByRole("heading", { name: "Thank you!" })).toBeVisible();
    await expect(shop.getByText(owner.organizationName, { exact: true })).toBeVisible();
    const back = shop.getByRole("link", { name: "Back to 127.0.0.1" });
    await expect(back).toHaveAttribute("href", `${site.origin}/enquiry`);
    expect(await shop.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    // The page's own style applies under its strict policy (the card has a border and padding).
    expect(await shop.locator("main").evaluate((main) => getComputedStyle(main).paddingLeft)).toBe("20px");
    await shop.screenshot({ path: testInfo.outputPath("thanks-360.png") });
  } finally {
    await visitor.close();
    await site.close();
  }
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
  // A long flow across two browsers and several pages.
  test.slow();
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

  test("what visitors see after sending: a redirect without its address is named; a choice is saved", async ({ page, owner: _owner }) => {
    await page.goto("/settings/forms");
    await page.getByLabel("Form name").fill("No-JS after form");
    await page.getByRole("button", { name: "Create form" }).click();
    await expect(page.getByText('Form "No-JS after form" created.')).toBeVisible();
    await expect(page.getByTestId("after-submit")).toHaveText("Visitors see a thank-you page");

    await page.getByText("Change what visitors see after sending").click();
    const form = page.getByRole("form", { name: "After sending No-JS after form" });
    await form.getByLabel("Go to an address of your choice").check();
    await form.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("Enter the address to send visitors to")).toBeVisible();
    await expect(form.getByLabel("Go to an address of your choice")).toBeChecked();

    await form.getByLabel("Address to go to").fill("https://shop.example.in/thanks");
    await form.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("Saved: after sending the form, visitors go to https://shop.example.in/thanks.")).toBeVisible();
    await expect(page.getByTestId("after-submit")).toHaveText("Visitors go to https://shop.example.in/thanks");
  });

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
