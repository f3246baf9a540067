-- How a payment link's customer pays: Razorpay's payment-link page (as before) or Razorpay Checkout on
-- an order, on our own link page; and why the provider refused to make a link, when it did.

-- CreateEnum
CREATE TYPE "PaymentCheckout" AS ENUM ('PAYMENT_LINK', 'ORDER');

-- AlterTable
ALTER TABLE "PaymentLink" ADD COLUMN "checkout" "PaymentCheckout" NOT NULL DEFAULT 'PAYMENT_LINK',
ADD COLUMN "providerError" VARCHAR(500);
