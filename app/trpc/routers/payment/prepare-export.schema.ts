import { z } from "zod";
import { paymentFilterSchema } from "~/domain/payment/payment-filter";

/** The filter to export (a page's cursor is ignored: an export has every matching payment). */
export const preparePaymentExportSchema = z.object({ filter: paymentFilterSchema });
export type PreparePaymentExportInput = z.output<typeof preparePaymentExportSchema>;
