// The payments page without JavaScript, on a desktop and on a 360-px phone. The payments arrive the way
// real ones do: payment links made for contacts, opened through our short link and paid (or failed) in
// the sandbox checkout, whose signed webhooks the worker applies. Then: the totals of the counted
// payments, 50 a page with Older/Newer/Newest links, a status filter through the plain GET form, and the
// CSV export of that filter.
import type { APIRequestContext } from "@playwright/test";
import { expect, sameOrigin, test, trpcMutation } from "./fixtures";
import { expectNothingWiderThanViewport } from "./viewport";

test.use({ javaScriptEnabled: false });

async function created<T>(call: Promise<{ status: number; data: T; text: string }>): Promise<T> {
  const result = await call;
  expect(result.status, result.text).toBe(200);
  return result.data;
}

type Charge = { contactId: string; productId: string; pay: "upi" | "card" | "fail" };

async function makeLink(request: APIRequestContext, appURL: string, charge: Charge) {
  const link = await created(trpcMutation<{ url: string }>(request, appURL, "paymentLink.create", { contactId: charge.contactId, productId: charge.productId }));
  return { ...charge, path: new URL(link.url).pathname };
}

/** The customer opens our /p/ link and pays (or fails) in the sandbox checkout it sends them to. */
async function pay(request: APIRequestContext, appURL: string, link: Charge & { path: string }) {
  // The first open often races the job that asks the provider for the link's checkout: both get the one link.
  const opened = await request.get(link.path, { maxRedirects: 0 });
  expect(opened.status(), "our link sends the customer on to the checkout").toBe(302);
  const checkout = new URL(opened.headers()["location"]!, appURL).pathname;
  expect(checkout).toMatch(/^\/sandbox\/checkout\/plink_/);
  const paid = await request.post(checkout, { form: { pay: link.pay }, headers: sameOrigin(appURL), maxRedirects: 0 });
  expect(paid.status(), `the sandbox checkout (${link.pay})`).toBe(link.pay === "fail" ? 402 : 302);
}

async function inBatches<T>(items: T[], size: number, run: (item: T) => Promise<void>) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(run));
}

test("payments arrive through the sandbox checkout; the page totals the counted ones, pages 50 at a time, filters by status and exports the filter", async ({ page, owner, appURL }, testInfo) => {
  void owner;
  test.setTimeout(180_000);
  const request = page.request;
  const scalper = await created(trpcMutation<{ id: string }>(request, appURL, "product.create", { name: "BankNifty Scalper Pro", price: "4,999" }));
  const suite = await created(trpcMutation<{ id: string }>(request, appURL, "product.create", { name: "Nifty Options Suite", price: "9,999" }));
  const suffix = testInfo.project.name === "phone" ? "1" : "2";
  const ananya = await created(trpcMutation<{ id: string }>(request, appURL, "contact.create", { name: "Ananya Sharma", phone: `98765 4${suffix}001` }));
  const kavya = await created(trpcMutation<{ id: string }>(request, appURL, "contact.create", { name: "Kavya Iyer", phone: `98765 4${suffix}002` }));

  // The oldest payment first, on its own second (the provider's times are whole seconds); then 51 paid
  // and 2 failed, most of them sharing their second with others.
  const charges: Charge[] = [
    { contactId: kavya.id, productId: suite.id, pay: "card" },
    ...Array.from({ length: 51 }, () => ({ contactId: ananya.id, productId: scalper.id, pay: "upi" as const })),
    { contactId: kavya.id, productId: scalper.id, pay: "fail" },
    { contactId: ananya.id, productId: suite.id, pay: "fail" },
  ];
  const links: Array<Charge & { path: string }> = [];
  await inBatches(charges, 6, async (charge) => void links.push(await makeLink(request, appURL, charge)));
  const [oldest, ...rest] = [links.find((link) => link.pay === "card")!, ...links.filter((link) => link.pay !== "card")];
  await pay(request, appURL, oldest!);
  await page.waitForTimeout(1_100);
  await inBatches(rest, 6, (link) => pay(request, appURL, link));

  // The worker applies the webhooks: wait until every payment counts.
  const totals = page.getByRole("region", { name: "Totals" });
  await expect(async () => {
    await page.goto("/payments");
    await expect(totals.getByTestId("total-counted")).toHaveText("52", { timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  await expect(page.getByRole("heading", { level: 1, name: "Payments" })).toBeVisible();
  await expect(totals.getByTestId("total-captured")).toHaveText("₹2,64,948.00");
  await expect(totals.getByTestId("total-refunded")).toHaveText("₹0.00");
  await expect(totals.getByTestId("total-net")).toHaveText("₹2,64,948.00");
  await expect(totals.getByTestId("total-note")).toContainText("54 payments match. The totals count only counted payments");
  await expectNothingWiderThanViewport(page);

  // 50 a page, newest first; Older shows the other 4 (the oldest, by card, last); Newer comes back.
  const rows = page.getByTestId("payment-row");
  await expect(rows).toHaveCount(50);
  const pages = page.getByRole("navigation", { name: "Pages" });
  await expect(pages.getByRole("link", { name: "Newer" })).toHaveCount(0);
  const idsOf = () => rows.evaluateAll((elements) => elements.map((element) => element.getAttribute("data-payment-id")));
  const firstPage = await idsOf();
  expect(new Set(firstPage).size).toBe(50);
  await pages.getByRole("link", { name: "Older" }).click();
  await expect(page).toHaveURL(/\/payments\?after=/);
  await expect(rows).toHaveCount(4);
  await expect(rows.last()).toContainText("Kavya Iyer");
  await expect(rows.last()).toContainText("Nifty Options Suite");
  await expect(rows.last()).toContainText("₹9,999.00");
  await expect(rows.last()).toContainText("Card");
  await expect(pages.getByRole("link", { name: "Older" })).toHaveCount(0);
  const secondPage = await idsOf();
  expect(new Set([...firstPage, ...secondPage]).size, "no payment on both pages").toBe(54);
  await expectNothingWiderThanViewport(page);
  await pages.getByRole("link", { name: "Newer" }).click();
  await expect(rows).toHaveCount(50);
  expect(await idsOf()).toEqual(firstPage);
  await expect(pages.getByRole("link", { name: "Newest" })).toHaveCount(0);

  // The status filter is a plain GET form: failed ones only, and their totals (nothing counted).
  const filter = page.getByRole("form", { name: "Filter payments" });
  await filter.getByRole("checkbox", { name: "Failed" }).check();
  await filter.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(/\/payments\?status=FAILED(&|$)/);
  await expect(rows).toHaveCount(2);
  for (const row of await rows.all()) await expect(row).toContainText("Failed");
  // A failed attempt on a link is not matched to it (the link learns its order only once paid): Unmatched.
  await expect(rows.filter({ hasText: "₹4,999.00" })).toContainText("Unmatched");
  await expect(rows.filter({ hasText: "₹9,999.00" })).toContainText("declined by the customer's bank");
  await expect(page.getByRole("region", { name: "Totals for this filter" }).getByTestId("total-counted")).toHaveText("0");
  await expect(page.getByRole("region", { name: "Totals for this filter" }).getByTestId("total-captured")).toHaveText("₹0.00");
  await expect(page.getByRole("region", { name: "Totals for this filter" }).getByTestId("total-note")).toContainText("2 payments match.");
  await expect(filter.getByRole("checkbox", { name: "Failed" })).toBeChecked();
  await expect(pages).toHaveCount(0);
  await expectNothingWiderThanViewport(page);

  // Paid or failed, for one product: the filters combine (the failed ones name no product).
  await filter.getByRole("checkbox", { name: "Paid" }).check();
  await filter.getByLabel("Product").selectOption({ label: "Nifty Options Suite" });
  await filter.getByRole("button", { name: "Filter" }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText("Kavya Iyer");
  await expect(page.getByRole("region", { name: "Totals for this filter" }).getByTestId("total-captured")).toHaveText("₹9,999.00");

  // The export link carries the filter; the file has those payments only.
  await filter.getByRole("checkbox", { name: "Paid" }).uncheck();
  await filter.getByLabel("Product").selectOption({ label: "Any product" });
  await filter.getByRole("button", { name: "Filter" }).click();
  const exportLink = page.getByRole("link", { name: "Export CSV" });
  await expect(exportLink).toHaveAttribute("href", "/payments/export?status=FAILED");
  const csv = await request.get("/payments/export?status=FAILED");
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  const lines = (await csv.text()).replace(/^\uFEFF/, "").trim().split("\r\n");
  expect(lines[0]).toMatch(/^Paid at \(Asia\/Kolkata\),Contact,Contact phone,/);
  expect(lines).toHaveLength(3);
  expect(lines.slice(1).every((line) => line.includes(",INR,FAILED,no,"))).toBe(true);

  // A bad value in the address is a message, not a crash.
  await page.goto("/payments?status=WON");
  await expect(page.getByRole("alert")).toContainText("This filter has a problem: Choose paid, partly refunded, refunded, failed, authorized, needs review or unmatched.");
  await page.getByRole("link", { name: "Show all payments" }).click();
  await expect(rows).toHaveCount(50);
});
