// CSV import (every step with JavaScript off, then the failed-rows report) and
// CSV export of a filtered contact list.
import { readFile } from "node:fs/promises";
import type { APIRequestContext } from "@playwright/test";
import { expect, newAccount, sameOrigin, signedUpContext, test } from "./fixtures";

function uniquePhones(seed: number, count: number): string[] {
  // Valid Indian mobiles, distinct per test run.
  const base = 7_000_000_000 + ((seed * 7919) % 900_000_000);
  return Array.from({ length: count }, (_, i) => String(base + i * 13));
}

function csv(rows: string[][]): string {
  return rows.map((row) => row.map((cell) => (/[",\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell)).join(",")).join("\n") + "\n";
}

/** Imports a CSV over plain same-origin form posts (as a browser without JavaScript would) and waits for completion. */
async function importByHttp(request: APIRequestContext, baseURL: string, fileName: string, content: string) {
  const uploaded = await request.post("/imports/new", {
    multipart: { file: { name: fileName, mimeType: "text/csv", buffer: Buffer.from(content) } },
    headers: sameOrigin(baseURL),
    maxRedirects: 0,
  });
  expect(uploaded.status(), "upload").toBe(302);
  const location = uploaded.headers()["location"]!;
  const id = location.split("/").pop()!;
  const started = await request.post(location, {
    form: { intent: "start", id, duplicateStrategy: "SKIP", "mapping.name": "0", "mapping.phone": "1", "mapping.temperature": "2" },
    headers: sameOrigin(baseURL),
    maxRedirects: 0,
  });
  expect(started.status(), "start").toBe(302);
  await expect
    .poll(async () => (await (await request.get(location)).text()).includes("Import complete"), { timeout: 30_000 })
    .toBe(true);
}

test("import a CSV with a few bad rows with JavaScript off: map, preview, run, watch progress, download the failed rows", async ({
  browser,
}, testInfo) => {
  const account = newAccount(testInfo, "importer");
  const { context, page } = await signedUpContext(browser, testInfo, account, { javaScriptEnabled: false });
  const phones = uniquePhones(Date.now() % 100_000, 6);
  const file = csv([
    ["Full Name", "Mobile", "E-mail", "Stage", "Tags"],
    ["Asha Rao", phones[0]!, "asha@example.in", "engaged", "webinar; options"],
    ["Ravi Kumar", `+91 ${phones[1]}`, "", "", ""],
    ["Broken Phone", "12345", "", "", ""],
    ["Meera, \"MJ\" Iyer", phones[2]!, "meera@example.in", "", ""],
    ["Bad Stage", phones[3]!, "", "Won", ""],
    ["Asha Again", `0${phones[0]}`, "", "", ""],
  ]);

  await page.goto("/imports");
  await page.getByRole("link", { name: "New import" }).click();
  await expect(page.getByRole("heading", { name: "Import contacts" })).toBeVisible();
  await page.getByLabel("CSV file").setInputFiles({ name: "leads.csv", mimeType: "text/csv", buffer: Buffer.from(file) });
  await page.getByRole("button", { name: "Upload and map columns" }).click();

  // Step 2: the columns were guessed from the header names; the preview shows each row's problems.
  await expect(page.getByRole("heading", { name: "Import: leads.csv" })).toBeVisible();
  await expect(page.getByLabel("Name (required)")).toHaveValue("0");
  await expect(page.getByLabel("Phone", { exact: true })).toHaveValue("1");
  await expect(page.getByLabel("Email", { exact: true })).toHaveValue("2");
  await expect(page.getByText('Phone "12345" isn\'t a valid phone number')).toBeVisible();
  await expect(page.getByText(/Unknown stage "Won"/)).toBeVisible();
  await expect(page.getByText(/Duplicate of row 2/)).toBeVisible();

  // Leaving out both phone and email is refused with a clear message, and nothing starts.
  await page.getByLabel("Phone", { exact: true }).selectOption({ label: "— Don't import —" });
  await page.getByLabel("Email", { exact: true }).selectOption({ label: "— Don't import —" });
  await page.getByRole("button", { name: "Update preview" }).click();
  await expect(page.getByText("Choose the column with each contact's phone or email — a contact needs one of them.")).toBeVisible();
  await page.getByLabel("Phone", { exact: true }).selectOption({ label: "Mobile" });
  await page.getByLabel("Email", { exact: true }).selectOption({ label: "E-mail" });
  await page.getByLabel("Tags", { exact: true }).selectOption({ label: "Tags" });
  await page.getByLabel(/Merge into existing contacts/).check();
  await page.getByRole("button", { name: "Start import" }).click();

  // Step 3: progress until done (the page refreshes itself without JavaScript).
  await expect(page.getByRole("heading", { name: "Import complete" })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("import-created")).toHaveText("3");
  await expect(page.getByTestId("import-failed")).toHaveText("3");

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download the 3 failed rows as CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("leads-failed-rows.csv");
  const report = (await readFile((await download.path())!, "utf8")).replace(/^\uFEFF/, "");
  const lines = report.trim().split("\r\n");
  expect(lines[0]).toBe("Full Name,Mobile,E-mail,Stage,Tags,error");
  expect(lines).toHaveLength(4);
  expect(report).toContain(`Broken Phone,12345,,,,"Row 4: Phone ""12345"" isn't a valid phone number"`);
  expect(report).toContain("Row 6: Unknown stage");
  expect(report).toContain(`Row 7: Duplicate of row 2 (same phone +91${phones[0]})`);

  await page.getByRole("link", { name: "All imports" }).click();
  await expect(page.getByRole("link", { name: "leads.csv" })).toBeVisible();
  await context.close();
});

test("a one-row Windows-1252 file from Excel, JavaScript on: the mapping page names the encoding and speaks of 1 row", async ({
  browser,
}, testInfo) => {
  const account = newAccount(testInfo, "excel");
  const { context, page } = await signedUpContext(browser, testInfo, account);
  const [phone] = uniquePhones((Date.now() + 250) % 100_000, 1);
  const windows1252 = Buffer.concat([
    Buffer.from(`Name,Phone,Notes\r\nJos\xe9 M\xfcller,${phone},`, "latin1"),
    Buffer.from([0x93, ...Buffer.from("Paid "), 0x80, ...Buffer.from("500"), 0x94, 0x0d, 0x0a]),
  ]);
  await page.goto("/imports/new");
  await page.getByLabel("CSV file").setInputFiles({ name: "excel.csv", mimeType: "text/csv", buffer: windows1252 });
  await page.getByRole("button", { name: "Upload and map columns" }).click();
  await expect(page.getByRole("heading", { name: "Import: excel.csv" })).toBeVisible();
  await expect(page.getByText("excel.csv: 1 row found.")).toBeVisible();
  await expect(page.getByText(/^1 row in excel\.csv\./)).toBeVisible();
  await expect(page.getByTestId("import-encoding")).toContainText("Read as Windows-1252");
  await expect(page.getByText("Preview: the first row")).toBeVisible();
  await expect(page.getByRole("cell", { name: "José Müller" })).toBeVisible();
  await page.getByRole("button", { name: "Start import" }).click();
  await expect(page.getByRole("heading", { name: "Import complete" })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/^The 1 row was processed/)).toBeVisible();
  await context.close();
});

test("export the filtered contact list as CSV", async ({ browser }, testInfo) => {
  const account = newAccount(testInfo, "exporter");
  const { context, page } = await signedUpContext(browser, testInfo, account);
  const baseURL = testInfo.project.use.baseURL!;
  const phones = uniquePhones((Date.now() + 500) % 100_000, 4);
  await importByHttp(
    page.request,
    baseURL,
    "export-me.csv",
    csv([
      ["Name", "Phone", "Temperature"],
      ["Hot, \"Quoted\" Lead", phones[0]!, "hot"],
      ["=HYPERLINK(\"http://evil.example\")", phones[1]!, "hot"],
      ["Cold Lead", phones[2]!, "cold"],
      ["Warm Lead", phones[3]!, "warm"],
    ]),
  );

  await page.goto("/contacts?temperature=HOT");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export CSV" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^contacts-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = (await readFile((await download.path())!, "utf8")).replace(/^\uFEFF/, "");
  const lines = text.trim().split("\r\n");
  expect(lines[0]).toMatch(
    /^Name,Phone,Email,Stage,Temperature,Score,Source,Owner email,Tags,Company,.*Created at \(Asia\/Kolkata\),Last activity at \(Asia\/Kolkata\)$/,
  );
  expect(lines).toHaveLength(3);
  // Phones as they are; free text that looks like a formula keeps its quote; local times.
  expect(text).toContain(`"Hot, ""Quoted"" Lead",+91${phones[0]},,NEW,HOT,0,IMPORT`);
  expect(text).toContain(`"'=HYPERLINK(""http://evil.example"")",+91${phones[1]}`);
  expect(lines[1]).toMatch(/,\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},/);
  expect(text).not.toContain("Cold Lead");
  expect(text).not.toContain("Warm Lead");

  // Everything, from the imports page.
  await page.goto("/imports");
  const [all] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export all contacts (CSV)" }).click()]);
  const everything = await readFile((await all.path())!, "utf8");
  for (const name of ["Cold Lead", "Warm Lead"]) expect(everything).toContain(name);
  await context.close();
});
