// The product catalog without JavaScript, on a desktop and on a 360-px phone: an owner adds a product
// and sees its price as ₹4,999.00, a price with three decimals comes back with its field's error and
// adds nothing, a refused edit reopens its form, the edit is saved, and the product is archived and
// brought back.
import { expect, test } from "./fixtures";
import { expectNothingWiderThanViewport } from "./viewport";

test.use({ javaScriptEnabled: false });

test("an owner adds, edits and archives a product; a bad price is refused on its field", async ({ page, owner }) => {
  void owner;
  await page.goto("/settings");
  await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Products" }).click();
  await expect(page).toHaveURL(/\/settings\/products$/);
  await expect(page.getByText("No products yet: add one below.")).toBeVisible();

  const newProduct = page.getByRole("form", { name: "New product" });
  await newProduct.getByLabel("Name").fill("BankNifty Scalper Pro");
  await newProduct.getByLabel("Price (₹)").fill("4,999");
  await newProduct.getByLabel("Category").fill("Indicator");
  await newProduct.getByLabel("Description").fill("Scalping signals for BankNifty options.");
  await newProduct.getByLabel("Features").fill("Entry arrows on the 1-minute chart\nStop-loss and target lines");
  await newProduct.getByRole("button", { name: "Add product" }).click();
  await expect(page.getByRole("status").filter({ hasText: "BankNifty Scalper Pro added at ₹4,999.00." })).toBeVisible();

  const products = page.getByRole("list", { name: "Products" });
  const scalper = products.getByRole("listitem", { name: "BankNifty Scalper Pro" });
  await expect(scalper).toContainText("₹4,999.00");
  await expect(scalper).toContainText("Indicator");
  await expect(scalper.getByRole("list", { name: "Features of BankNifty Scalper Pro" }).getByRole("listitem")).toHaveText([
    "Entry arrows on the 1-minute chart",
    "Stop-loss and target lines",
  ]);
  await expectNothingWiderThanViewport(page);

  // Three decimals: the page comes back with the price's error under the field and what was typed kept.
  await newProduct.getByLabel("Name").fill("Nifty Options Suite");
  await newProduct.getByLabel("Price (₹)").fill("12.345");
  await newProduct.getByRole("button", { name: "Add product" }).click();
  const price = newProduct.getByLabel("Price (₹)");
  await expect(price).toHaveAttribute("aria-invalid", "true");
  await expect(price).toHaveValue("12.345");
  await expect(newProduct.getByText("Use at most two decimal places (paise), like 1499.50")).toBeVisible();
  await expect(newProduct.getByLabel("Name")).toHaveValue("Nifty Options Suite");
  await expect(products.getByRole("listitem", { name: "Nifty Options Suite" })).toHaveCount(0);
  await expectNothingWiderThanViewport(page);

  // A refused edit reopens its own form with the error; then the edit is saved.
  await scalper.getByText("Edit", { exact: true }).click();
  const edit = page.getByRole("form", { name: "Edit BankNifty Scalper Pro" });
  await expect(edit.getByLabel("Price (₹)")).toHaveValue("4999");
  await edit.getByLabel("Price (₹)").fill("0");
  await edit.getByRole("button", { name: "Save product" }).click();
  await expect(edit.getByText("The price must be more than ₹0")).toBeVisible();
  await expect(edit.getByLabel("Price (₹)")).toHaveAttribute("aria-invalid", "true");
  await expect(scalper).toContainText("₹4,999.00");

  await edit.getByLabel("Price (₹)").fill("5,499.50");
  await edit.getByLabel("Features").fill("Entry arrows on the 1-minute chart\nStop-loss and target lines\nExpiry-day mode");
  await edit.getByRole("button", { name: "Save product" }).click();
  await expect(page.getByRole("status").filter({ hasText: "BankNifty Scalper Pro saved." })).toBeVisible();
  await expect(scalper).toContainText("₹5,499.50");
  await expect(scalper.getByRole("list", { name: "Features of BankNifty Scalper Pro" })).toContainText("Expiry-day mode");
  await expectNothingWiderThanViewport(page);

  // Archived: marked so, and can be brought back.
  await scalper.getByRole("button", { name: "Archive BankNifty Scalper Pro" }).click();
  await expect(page.getByRole("status").filter({ hasText: "BankNifty Scalper Pro archived: agents no longer see it." })).toBeVisible();
  await expect(scalper).toContainText("Archived");
  await scalper.getByRole("button", { name: "Unarchive BankNifty Scalper Pro" }).click();
  await expect(page.getByRole("status").filter({ hasText: "BankNifty Scalper Pro is on offer again." })).toBeVisible();
  await expect(scalper).not.toContainText("Archived");
  await expect(scalper.getByRole("button", { name: "Archive BankNifty Scalper Pro" })).toBeVisible();
  await expectNothingWiderThanViewport(page);
});
