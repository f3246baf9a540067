-- Payments: an organization's payment account (Razorpay's keys or the sandbox), payment links with their
-- open counts, orders, payments as the provider's webhooks tell them, and refunds.

-- CreateEnum
CREATE TYPE "PaymentProviderKind" AS ENUM ('SANDBOX', 'RAZORPAY');
CREATE TYPE "PaymentLinkStatus" AS ENUM ('CREATED', 'OPENED', 'FAILED', 'PARTIALLY_PAID', 'PAID', 'EXPIRED', 'CANCELLED', 'REFUNDED');
CREATE TYPE "PaymentOrderStatus" AS ENUM ('CREATED', 'ATTEMPTED', 'PAID');
CREATE TYPE "PaymentStatus" AS ENUM ('AUTHORIZED', 'CAPTURED', 'PARTIALLY_REFUNDED', 'REFUNDED', 'FAILED');
CREATE TYPE "RefundStatus" AS ENUM ('CREATED', 'PROCESSED', 'FAILED');

-- CreateTable
CREATE TABLE "PaymentAccount" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organizationId" UUID NOT NULL,
    "provider" "PaymentProviderKind" NOT NULL DEFAULT 'SANDBOX',
    "keyId" VARCHAR(40),
    "secrets" TEXT NOT NULL,
    "previousSecretUntil" TIMESTAMPTZ(3),
    "churnOnFullRefund" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "PaymentAccount_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PaymentLink" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organizationId" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "contactId" UUID NOT NULL,
    "productId" UUID,
    "createdById" UUID,
    "conversationId" UUID,
    "messageId" UUID,
    "code" VARCHAR(16) NOT NULL,
    "providerLinkId" VARCHAR(40),
    "providerOrderId" VARCHAR(40),
    "checkoutUrl" VARCHAR(500),
    "amountPaise" BIGINT NOT NULL,
    "currency" VARCHAR(3) NOT NULL DEFAULT 'INR',
    "description" VARCHAR(2048) NOT NULL,
    "status" "PaymentLinkStatus" NOT NULL DEFAULT 'CREATED',
    "amountPaidPaise" BIGINT NOT NULL DEFAULT 0,
    "openCount" INTEGER NOT NULL DEFAULT 0,
    "firstOpenedAt" TIMESTAMPTZ(3),
    "lastOpenedAt" TIMESTAMPTZ(3),
    "expiresAt" TIMESTAMPTZ(3),
    "paidAt" TIMESTAMPTZ(3),
    "lastFailedAt" TIMESTAMPTZ(3),
    "expiredAt" TIMESTAMPTZ(3),
    "cancelledAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "PaymentLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PaymentOrder" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organizationId" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "contactId" UUID NOT NULL,
    "productId" UUID,
    "createdById" UUID,
    "providerOrderId" VARCHAR(40) NOT NULL,
    "amountPaise" BIGINT NOT NULL,
    "currency" VARCHAR(3) NOT NULL DEFAULT 'INR',
    "status" "PaymentOrderStatus" NOT NULL DEFAULT 'CREATED',
    "paidAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "PaymentOrder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Payment" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organizationId" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "providerPaymentId" VARCHAR(40) NOT NULL,
    "providerOrderId" VARCHAR(40),
    "paymentLinkId" UUID,
    "paymentOrderId" UUID,
    "contactId" UUID,
    "productId" UUID,
    "agentId" UUID,
    "amountPaise" BIGINT NOT NULL,
    "currency" VARCHAR(3) NOT NULL,
    "method" VARCHAR(20),
    "status" "PaymentStatus" NOT NULL,
    "refundedPaise" BIGINT NOT NULL DEFAULT 0,
    "paidAt" TIMESTAMPTZ(3) NOT NULL,
    "authorizedAt" TIMESTAMPTZ(3),
    "capturedAt" TIMESTAMPTZ(3),
    "failedAt" TIMESTAMPTZ(3),
    "errorDescription" VARCHAR(500),
    "reviewReason" VARCHAR(300),
    "countedAt" TIMESTAMPTZ(3),
    "failureAnnouncedAt" TIMESTAMPTZ(3),
    "flaggedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Payment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Refund" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organizationId" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "providerRefundId" VARCHAR(40) NOT NULL,
    "providerPaymentId" VARCHAR(40) NOT NULL,
    "amountPaise" BIGINT NOT NULL,
    "status" "RefundStatus" NOT NULL,
    "processedAt" TIMESTAMPTZ(3),
    "announcedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Refund_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PaymentLink_code_key" ON "PaymentLink"("code");
CREATE UNIQUE INDEX "PaymentAccount_organizationId_key" ON "PaymentAccount"("organizationId");
CREATE UNIQUE INDEX "PaymentLink_accountId_providerLinkId_key" ON "PaymentLink"("accountId", "providerLinkId");
CREATE INDEX "PaymentLink_accountId_providerOrderId_idx" ON "PaymentLink"("accountId", "providerOrderId");
CREATE INDEX "PaymentLink_organizationId_contactId_createdAt_idx" ON "PaymentLink"("organizationId", "contactId", "createdAt");
CREATE INDEX "PaymentLink_organizationId_createdAt_id_idx" ON "PaymentLink"("organizationId", "createdAt", "id");
CREATE UNIQUE INDEX "PaymentOrder_accountId_providerOrderId_key" ON "PaymentOrder"("accountId", "providerOrderId");
CREATE INDEX "PaymentOrder_organizationId_contactId_createdAt_idx" ON "PaymentOrder"("organizationId", "contactId", "createdAt");
CREATE UNIQUE INDEX "Payment_accountId_providerPaymentId_key" ON "Payment"("accountId", "providerPaymentId");
CREATE INDEX "Payment_accountId_providerOrderId_idx" ON "Payment"("accountId", "providerOrderId");
CREATE INDEX "Payment_organizationId_paidAt_id_idx" ON "Payment"("organizationId", "paidAt", "id");
CREATE INDEX "Payment_organizationId_contactId_idx" ON "Payment"("organizationId", "contactId");
CREATE UNIQUE INDEX "Refund_accountId_providerRefundId_key" ON "Refund"("accountId", "providerRefundId");
CREATE INDEX "Refund_accountId_providerPaymentId_idx" ON "Refund"("accountId", "providerPaymentId");

-- AddForeignKey
ALTER TABLE "PaymentAccount" ADD CONSTRAINT "PaymentAccount_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "PaymentLink" ADD CONSTRAINT "PaymentLink_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "PaymentLink" ADD CONSTRAINT "PaymentLink_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "PaymentAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "PaymentLink" ADD CONSTRAINT "PaymentLink_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "PaymentLink" ADD CONSTRAINT "PaymentLink_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "PaymentLink" ADD CONSTRAINT "PaymentLink_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "PaymentOrder" ADD CONSTRAINT "PaymentOrder_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "PaymentOrder" ADD CONSTRAINT "PaymentOrder_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "PaymentAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "PaymentOrder" ADD CONSTRAINT "PaymentOrder_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "PaymentOrder" ADD CONSTRAINT "PaymentOrder_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "PaymentOrder" ADD CONSTRAINT "PaymentOrder_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "PaymentAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_paymentLinkId_fkey" FOREIGN KEY ("paymentLinkId") REFERENCES "PaymentLink"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_paymentOrderId_fkey" FOREIGN KEY ("paymentOrderId") REFERENCES "PaymentOrder"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_agentId_fkey" FOREIGN KEY ("agentId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Refund" ADD CONSTRAINT "Refund_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Refund" ADD CONSTRAINT "Refund_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "PaymentAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;
