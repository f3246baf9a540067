-- A link's payments are added up on every event the pipeline applies to them (paymentTotalsOfLink);
-- without an index that was a scan of every payment (at 200,000 payments in one organization, most of
-- the database's time during the webhook benchmark). The order's, for the same reason and for the
-- foreign key's SET NULL when an order goes.

-- CreateIndex
CREATE INDEX "Payment_paymentLinkId_idx" ON "Payment"("paymentLinkId");

-- CreateIndex
CREATE INDEX "Payment_paymentOrderId_idx" ON "Payment"("paymentOrderId");
