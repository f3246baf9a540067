// Streams the payments matching a filter as CSV, newest paid first, through the exports' shared COPY
// machinery (csv-copy-export.server.ts), with the contact export's conventions: free text neutralized
// against formulas, phones as E.164, times as the organization's wall clock under headers naming the
// zone ("Paid at (Asia/Kolkata)"), enum values as stored. Amounts are rupees with two decimals
// ("4999.00"), computed exactly from the integer paise in SQL, next to their currency.
import type { Writable } from "node:stream";
import type pg from "pg";
import { Prisma } from "~/generated/prisma/client";
import { paymentWhereSql, type PaymentScope } from "~/models/payment-list.server";
import type { PaymentFilter } from "~/domain/payment/payment-filter";
import { DEFAULT_TIME_ZONE, localDate, now, timeZoneOrDefault } from "~/utils/clock";
import { copyCsvExport, localTimeSql, neutralizedSql, phoneCellSql, type CopyExportOptions, type ExportResult } from "~/services/csv-copy-export.server";

export const PAYMENT_EXPORT_APPLICATION_NAME = "leadlane_payment_export";

/** The columns, the time ones named with the zone their values are in. */
export function paymentExportColumns(timeZone: string): string[] {
  return [
    `Paid at (${timeZone})`,
    "Contact",
    "Contact phone",
    "Contact email",
    "Product",
    "Amount",
    "Refunded",
    "Currency",
    "Status",
    "Counted in totals",
    "Needs review",
    "Method",
    "Agent email",
    "Razorpay payment id",
    "Razorpay order id",
    "Failure reason",
  ];
}

/** Paise as rupees with two decimals, exactly (numeric arithmetic): 499900 → 4999.00. */
function rupeesSql(paise: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`((${paise})::numeric / 100)::numeric(20, 2)`;
}

function exportSelect(scope: PaymentScope, filter: PaymentFilter, timeZone: string): Prisma.Sql {
  const text = (column: Prisma.Sql) => neutralizedSql(column);
  return Prisma.sql`
    SELECT ${localTimeSql(Prisma.sql`p."paidAt"`, timeZone)},
           ${text(Prisma.sql`c."name"`)}, ${phoneCellSql(Prisma.sql`c."phone"`)}, ${text(Prisma.sql`c."email"`)}, ${text(Prisma.sql`pr."name"`)},
           ${rupeesSql(Prisma.sql`p."amountPaise"`)}, ${rupeesSql(Prisma.sql`p."refundedPaise"`)}, p."currency", p."status",
           CASE WHEN p."countedAt" IS NOT NULL THEN 'yes' ELSE 'no' END,
           ${text(Prisma.sql`p."reviewReason"`)}, ${text(Prisma.sql`p."method"`)}, ${text(Prisma.sql`u."email"`)},
           ${text(Prisma.sql`p."providerPaymentId"`)}, ${text(Prisma.sql`p."providerOrderId"`)}, ${text(Prisma.sql`p."errorDescription"`)}
      FROM "Payment" p
      LEFT JOIN "Contact" c ON c."id" = p."contactId" AND c."organizationId" = p."organizationId"
      LEFT JOIN "Product" pr ON pr."id" = p."productId" AND pr."organizationId" = p."organizationId"
      LEFT JOIN "User" u ON u."id" = p."agentId"
     WHERE ${paymentWhereSql(scope, filter)}
     ORDER BY p."paidAt" DESC, p."id" DESC`;
}

/**
 * Writes every payment of `scope`'s organization matching `filter` to `writable` as CSV (UTF-8 with BOM,
 * CRLF line ends), then ends it. The organization's zone is read again in the export's own snapshot (the
 * filter's days and the times written agree with it). Resolves with the row count once `writable` has
 * finished; rejects with StreamAbortedError when cancelled or when `writable` closes before the end.
 */
export async function exportPaymentsCsv(
  scope: Omit<PaymentScope, "timeZone">,
  filter: PaymentFilter,
  writable: Writable,
  options: CopyExportOptions = {},
): Promise<ExportResult> {
  return copyCsvExport(
    { organizationId: scope.organizationId, applicationName: PAYMENT_EXPORT_APPLICATION_NAME },
    writable,
    async (client: pg.PoolClient) => {
      const organization = await client.query<{ timezone: string }>(`SELECT "timezone" FROM "Organization" WHERE "id" = $1::uuid`, [scope.organizationId]);
      const timeZone = timeZoneOrDefault(organization.rows[0]?.timezone);
      return { header: paymentExportColumns(timeZone), select: exportSelect({ ...scope, timeZone }, filter, timeZone) };
    },
    options,
  );
}

/** "payments-2026-11-22.csv", dated in the organization's time zone. */
export function paymentExportFileName(at: Date = now(), timeZone: string = DEFAULT_TIME_ZONE): string {
  return `payments-${localDate(at, timeZoneOrDefault(timeZone))}.csv`;
}
