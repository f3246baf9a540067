import { orgProcedure, router } from "~/trpc/trpc.server";
import { listPaymentsSchema } from "~/trpc/routers/payment/list.schema";
import { listPaymentsHandler } from "~/trpc/routers/payment/list.handler";
import { paymentTotalsSchema } from "~/trpc/routers/payment/totals.schema";
import { paymentTotalsHandler } from "~/trpc/routers/payment/totals.handler";
import { paymentFilterOptionsHandler } from "~/trpc/routers/payment/filter-options.handler";
import { preparePaymentExportSchema } from "~/trpc/routers/payment/prepare-export.schema";
import { preparePaymentExportHandler } from "~/trpc/routers/payment/prepare-export.handler";

// The payments page: every member reads the organization's payments (see assertCanReadPayments).
export const paymentRouter = router({
  list: orgProcedure("VIEWER").input(listPaymentsSchema).query(listPaymentsHandler),
  totals: orgProcedure("VIEWER").input(paymentTotalsSchema).query(paymentTotalsHandler),
  filterOptions: orgProcedure("VIEWER").query(paymentFilterOptionsHandler),
  prepareExport: orgProcedure("VIEWER").input(preparePaymentExportSchema).query(preparePaymentExportHandler),
});
