-- Money is BIGINT paise everywhere (decision 13): the product price was the last INTEGER.
-- INTEGER to BIGINT keeps every value exactly.
ALTER TABLE "Product" ALTER COLUMN "pricePaise" SET DATA TYPE BIGINT;
