-- The payments page (list, filters, totals, export) at 200,000 payments in one organization.
-- Every index leads with the organization and carries the columns the page filters on and adds up
-- (INCLUDE), so a page of any filter walks one index in (paidAt, id) order without visiting the table,
-- and the totals are index-only scans. Prisma cannot declare INCLUDE or partial indexes: these are
-- listed in the schema drift test. See EXPLAIN output in the payments-page benchmark's results.

-- The list's order (newest paid first, keyset on paidAt and id), unfiltered, by status, by date range,
-- needs review or unmatched as filters on the index entries. Replaces the plain (organizationId, paidAt, id).
DROP INDEX "Payment_organizationId_paidAt_id_idx";
CREATE INDEX "Payment_organizationId_paidAt_id_covering_idx" ON "Payment"("organizationId", "paidAt", "id")
  INCLUDE ("status", "countedAt", "amountPaise", "refundedPaise", "contactId", "productId", "agentId", "reviewReason");

-- One status's payments (failed 8 %, refunded 3 %): its totals read only its entries.
CREATE INDEX "Payment_organizationId_status_paidAt_id_idx" ON "Payment"("organizationId", "status", "paidAt", "id")
  INCLUDE ("countedAt", "amountPaise", "refundedPaise", "contactId", "productId", "agentId", "reviewReason");

-- One product's, one agent's payments: a page and the totals from their own range.
CREATE INDEX "Payment_organizationId_productId_paidAt_id_idx" ON "Payment"("organizationId", "productId", "paidAt", "id")
  INCLUDE ("status", "countedAt", "amountPaise", "refundedPaise", "contactId", "agentId", "reviewReason");
CREATE INDEX "Payment_organizationId_agentId_paidAt_id_idx" ON "Payment"("organizationId", "agentId", "paidAt", "id")
  INCLUDE ("status", "countedAt", "amountPaise", "refundedPaise", "contactId", "productId", "reviewReason");

-- One contact's payments (the contact filter, a contact search, unmatched ones under NULL, and the
-- contact's own totals). Replaces the plain (organizationId, contactId).
DROP INDEX "Payment_organizationId_contactId_idx";
CREATE INDEX "Payment_organizationId_contactId_paidAt_id_idx" ON "Payment"("organizationId", "contactId", "paidAt", "id")
  INCLUDE ("status", "countedAt", "amountPaise", "refundedPaise", "productId", "agentId", "reviewReason");

-- The few payments flagged for review (well under 1 %): their page and totals without walking the rest.
CREATE INDEX "Payment_organizationId_paidAt_id_review_idx" ON "Payment"("organizationId", "paidAt", "id")
  INCLUDE ("status", "countedAt", "amountPaise", "refundedPaise", "contactId", "productId", "agentId")
  WHERE "reviewReason" IS NOT NULL;
