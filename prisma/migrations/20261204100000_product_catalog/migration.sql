-- The product catalog: a currency (INR only for now), an optional category and a list of
-- features; a name is unique in an organization whatever its case, and a price is above zero.

-- AlterTable
ALTER TABLE "Product" ADD COLUMN "currency" TEXT NOT NULL DEFAULT 'INR',
ADD COLUMN "category" VARCHAR(60),
ADD COLUMN "features" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- Only rupees until another currency is supported end to end (links, webhooks, totals).
ALTER TABLE "Product" ADD CONSTRAINT "Product_currency_check" CHECK ("currency" = 'INR');

-- A product costs something: a payment link for ₹0 cannot be paid.
ALTER TABLE "Product" ADD CONSTRAINT "Product_pricePaise_check" CHECK ("pricePaise" > 0);

-- "BankNifty Scalper Pro" and "banknifty scalper pro" are the same product to an agent picking one.
-- Products were only made by the demo seed until now, whose names differ in more than case.
DROP INDEX "Product_organizationId_name_key";
CREATE UNIQUE INDEX "Product_organizationId_name_lower_key" ON "Product"("organizationId", lower("name"));
