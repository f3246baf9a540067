// Prisma reads and writes for payments, their links, orders and refunds, always scoped by the payment
// account (which belongs to one organization). Facts from the provider are merged, never replaced:
// a time is the earliest ever told (LEAST), an amount paid the most (GREATEST), an id once known is
// kept (COALESCE), so applying the same facts twice, or in another order, ends the same.
import { type Prisma, type Payment, type PaymentLink, type PaymentOrder, type PrismaClient, type Refund } from "~/generated/prisma/client";
import type { PaymentFacts, PaymentLinkFacts, PaymentOrderFacts, RefundFacts } from "~/domain/payment/razorpay-event";

type Tx = Prisma.TransactionClient | PrismaClient;
type Account = { id: string; organizationId: string };

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Holds, until the transaction ends, the lock every event about the same payment (or link, or order)
 * takes first: two events about one payment are applied one after the other, so each sees what the
 * other did and nothing is told twice.
 */
export async function lockPaymentSubject(db: Tx, { accountId, subject }: { accountId: string; subject: string }): Promise<void> {
  await db.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`payment:${accountId}:${subject}`}, 0))`;
}

/**
 * Merges what an event tells about one of our links into it: the link is found by Razorpay's id, or
 * (its first event, before our row knew that id) by the reference id we gave it, which is our own id.
 * Null when the account has no such link.
 */
export async function mergePaymentLinkFacts(db: Tx, account: Account, facts: PaymentLinkFacts): Promise<{ id: string } | null> {
  const reference = facts.referenceId && UUID_PATTERN.test(facts.referenceId) ? facts.referenceId : null;
  const rows = await db.$queryRaw<Array<{ id: string }>>`
    UPDATE "PaymentLink" l
       SET "providerLinkId" = COALESCE(l."providerLinkId", ${facts.providerLinkId}),
           "providerOrderId" = COALESCE(l."providerOrderId", ${facts.providerOrderId}),
           "amountPaidPaise" = GREATEST(l."amountPaidPaise", ${facts.amountPaidPaise}),
           "paidAt" = LEAST(l."paidAt", ${facts.paidAt}::timestamptz),
           "expiredAt" = LEAST(l."expiredAt", ${facts.expiredAt}::timestamptz),
           "cancelledAt" = LEAST(l."cancelledAt", ${facts.cancelledAt}::timestamptz),
           "updatedAt" = now()
     WHERE l."accountId" = ${account.id}::uuid
       AND (l."providerLinkId" = ${facts.providerLinkId}
            OR (l."providerLinkId" IS NULL AND l."id" = ${reference}::uuid))
    RETURNING l."id"::text AS "id"`;
  return rows[0] ?? null;
}

/** Merges what an event tells about one of our orders; null when the account has no such order. */
export async function mergePaymentOrderFacts(db: Tx, account: Account, facts: PaymentOrderFacts): Promise<{ id: string } | null> {
  const rows = await db.$queryRaw<Array<{ id: string }>>`
    UPDATE "PaymentOrder" o
       SET "status" = CASE WHEN ${facts.paidAt}::timestamptz IS NOT NULL OR o."status" = 'PAID' THEN 'PAID'::"PaymentOrderStatus"
                           WHEN ${facts.attempted} OR o."status" = 'ATTEMPTED' THEN 'ATTEMPTED'::"PaymentOrderStatus"
                           ELSE o."status" END,
           "paidAt" = LEAST(o."paidAt", ${facts.paidAt}::timestamptz),
           "updatedAt" = now()
     WHERE o."accountId" = ${account.id}::uuid AND o."providerOrderId" = ${facts.providerOrderId}
    RETURNING o."id"::text AS "id"`;
  return rows[0] ?? null;
}

/** The payment Razorpay knows by this id, locked until the transaction ends; read in the same statement. */
export async function lockPaymentByProviderId(db: Tx, { accountId, providerPaymentId }: { accountId: string; providerPaymentId: string }): Promise<Payment | null> {
  const rows = await db.$queryRaw<Payment[]>`
    SELECT p.* FROM "Payment" p WHERE p."accountId" = ${accountId}::uuid AND p."providerPaymentId" = ${providerPaymentId} FOR UPDATE`;
  return rows[0] ?? null;
}

/**
 * Stores a payment the first time an event tells of it, and merges what later ones tell. Answers the
 * row as it now is, locked until the transaction ends (it was just written).
 */
export async function mergePaymentFacts(db: Tx, account: Account, facts: PaymentFacts): Promise<Payment> {
  const rows = await db.$queryRaw<Payment[]>`
    INSERT INTO "Payment" ("organizationId", "accountId", "providerPaymentId", "providerOrderId", "amountPaise", "currency", "method",
                           "status", "paidAt", "authorizedAt", "capturedAt", "failedAt", "errorDescription", "updatedAt")
    VALUES (${account.organizationId}::uuid, ${account.id}::uuid, ${facts.providerPaymentId}, ${facts.providerOrderId}, ${facts.amountPaise},
            ${facts.currency}, ${facts.method}, 'AUTHORIZED', ${facts.paidAt}, ${facts.authorizedAt}::timestamptz, ${facts.capturedAt}::timestamptz,
            ${facts.failedAt}::timestamptz, ${facts.errorDescription}, now())
    ON CONFLICT ("accountId", "providerPaymentId") DO UPDATE
       SET "providerOrderId" = COALESCE("Payment"."providerOrderId", EXCLUDED."providerOrderId"),
           "method" = COALESCE("Payment"."method", EXCLUDED."method"),
           "authorizedAt" = LEAST("Payment"."authorizedAt", EXCLUDED."authorizedAt"),
           "capturedAt" = LEAST("Payment"."capturedAt", EXCLUDED."capturedAt"),
           "failedAt" = LEAST("Payment"."failedAt", EXCLUDED."failedAt"),
           "errorDescription" = COALESCE("Payment"."errorDescription", EXCLUDED."errorDescription"),
           "updatedAt" = now()
    RETURNING *`;
  return rows[0]!;
}

/** Stores a refund, or merges into it: its status only moves forward (created < failed < processed). */
export async function mergeRefundFacts(db: Tx, account: Account, facts: RefundFacts): Promise<Refund> {
  const rows = await db.$queryRaw<Refund[]>`
    INSERT INTO "Refund" ("organizationId", "accountId", "providerRefundId", "providerPaymentId", "amountPaise", "status", "processedAt", "updatedAt")
    VALUES (${account.organizationId}::uuid, ${account.id}::uuid, ${facts.providerRefundId}, ${facts.providerPaymentId}, ${facts.amountPaise},
            ${facts.status}::"RefundStatus", ${facts.processedAt}::timestamptz, now())
    ON CONFLICT ("accountId", "providerRefundId") DO UPDATE
       SET "status" = CASE WHEN 'PROCESSED' IN ("Refund"."status"::text, EXCLUDED."status"::text) THEN 'PROCESSED'::"RefundStatus"
                           WHEN 'FAILED' IN ("Refund"."status"::text, EXCLUDED."status"::text) THEN 'FAILED'::"RefundStatus"
                           ELSE 'CREATED'::"RefundStatus" END,
           "processedAt" = LEAST("Refund"."processedAt", EXCLUDED."processedAt"),
           "updatedAt" = now()
    RETURNING "id", "organizationId", "accountId", "providerRefundId", "providerPaymentId", "amountPaise", "status"::text AS "status",
              "processedAt", "announcedAt", "createdAt", "updatedAt"`;
  return rows[0]!;
}

/** The payment, locked until the transaction ends; read in the same statement (one round trip per event). */
export async function lockPayment(db: Tx, { accountId, id }: { accountId: string; id: string }): Promise<Payment | null> {
  const rows = await db.$queryRaw<Payment[]>`SELECT p.* FROM "Payment" p WHERE p."accountId" = ${accountId}::uuid AND p."id" = ${id}::uuid FOR UPDATE`;
  return rows[0] ?? null;
}

/** The refunds of a payment (by Razorpay's payment id): what has been processed, and those not yet on the timeline. */
export async function refundsOfPayment(db: Tx, { accountId, providerPaymentId }: { accountId: string; providerPaymentId: string }): Promise<Refund[]> {
  return db.refund.findMany({ where: { accountId, providerPaymentId }, orderBy: { createdAt: "asc" } });
}

export async function markRefundsAnnounced(db: Tx, { ids, at }: { ids: string[]; at: Date }): Promise<void> {
  if (ids.length === 0) return;
  await db.refund.updateMany({ where: { id: { in: ids }, announcedAt: null }, data: { announcedAt: at } });
}

/** The link or order a payment belongs to, by the order id Razorpay gave the payment. */
export async function findPaymentTargetByOrder(db: Tx, { accountId, providerOrderId }: { accountId: string; providerOrderId: string }) {
  const link = await db.paymentLink.findFirst({ where: { accountId, providerOrderId } });
  if (link) return { link, order: null };
  const order = await db.paymentOrder.findUnique({ where: { accountId_providerOrderId: { accountId, providerOrderId } } });
  return order ? { link: null, order } : null;
}

export async function findPaymentLinkById(db: Tx, { accountId, id }: { accountId: string; id: string }): Promise<PaymentLink | null> {
  return db.paymentLink.findFirst({ where: { accountId, id } });
}

export async function findPaymentOrderById(db: Tx, { accountId, id }: { accountId: string; id: string }): Promise<PaymentOrder | null> {
  return db.paymentOrder.findFirst({ where: { accountId, id } });
}

/** The payments of an order id not matched to a link or order yet (they arrived before the link told its order). */
export async function findUnmatchedPaymentsOfOrder(db: Tx, { accountId, providerOrderId }: { accountId: string; providerOrderId: string }) {
  return db.payment.findMany({ where: { accountId, providerOrderId, paymentLinkId: null, paymentOrderId: null }, select: { id: true, providerPaymentId: true } });
}

/** The link, locked until the transaction ends; read in the same statement. */
export async function lockPaymentLink(db: Tx, { accountId, id }: { accountId: string; id: string }): Promise<PaymentLink | null> {
  const rows = await db.$queryRaw<PaymentLink[]>`SELECT l.* FROM "PaymentLink" l WHERE l."accountId" = ${accountId}::uuid AND l."id" = ${id}::uuid FOR UPDATE`;
  return rows[0] ?? null;
}

/** What a link's counted payments add up to: paid, refunded, the earliest capture; and its latest failed attempt. */
export async function paymentTotalsOfLink(db: Tx, { linkId }: { linkId: string }) {
  const rows = await db.$queryRaw<Array<{ paid: bigint; refunded: bigint; firstCapturedAt: Date | null; lastFailedAt: Date | null }>>`
    SELECT COALESCE(sum("amountPaise") FILTER (WHERE "countedAt" IS NOT NULL), 0)::bigint AS "paid",
           COALESCE(sum("refundedPaise") FILTER (WHERE "countedAt" IS NOT NULL), 0)::bigint AS "refunded",
           min("capturedAt") FILTER (WHERE "countedAt" IS NOT NULL) AS "firstCapturedAt",
           max("failedAt") AS "lastFailedAt"
      FROM "Payment" WHERE "paymentLinkId" = ${linkId}::uuid`;
  return rows[0]!;
}

/**
 * A contact's totals from its counted payments: what it spent (captured less refunded) and when it
 * last paid; and how many counted payments it has, and how many of them are refunded in full.
 */
export async function recomputeContactPaymentTotals(db: Tx, { organizationId, contactId }: { organizationId: string; contactId: string }) {
  const rows = await db.$queryRaw<Array<{ amountSpentPaise: bigint; counted: number; refundedInFull: number }>>`
    WITH totals AS (
      SELECT COALESCE(sum("amountPaise" - "refundedPaise"), 0)::bigint AS "spent", max("capturedAt") AS "lastAt", count(*)::int AS "counted",
             (count(*) FILTER (WHERE "refundedPaise" >= "amountPaise"))::int AS "refundedInFull"
        FROM "Payment" WHERE "organizationId" = ${organizationId}::uuid AND "contactId" = ${contactId}::uuid AND "countedAt" IS NOT NULL
    ), updated AS (
      UPDATE "Contact" c SET "amountSpentPaise" = t."spent", "lastPaymentAt" = t."lastAt"
        FROM totals t WHERE c."organizationId" = ${organizationId}::uuid AND c."id" = ${contactId}::uuid
         AND (c."amountSpentPaise", c."lastPaymentAt") IS DISTINCT FROM (t."spent", t."lastAt")
      RETURNING c."id"
    )
    SELECT t."spent" AS "amountSpentPaise", t."counted", t."refundedInFull" FROM totals t WHERE (SELECT count(*) FROM updated) >= 0`;
  return rows[0]!;
}

/** Records a domain event once per kind and subject (a second call for the same payment adds nothing). */
export async function recordDomainEvent(
  db: Tx,
  event: { organizationId: string; kind: string; subjectId: string; contactId: string | null; data: Prisma.InputJsonObject; occurredAt: Date },
): Promise<void> {
  await db.$executeRaw`
    INSERT INTO "DomainEvent" ("organizationId", "kind", "subjectId", "contactId", "data", "occurredAt")
    VALUES (${event.organizationId}::uuid, ${event.kind}, ${event.subjectId}::uuid, ${event.contactId}::uuid, ${JSON.stringify(event.data)}::jsonb, ${event.occurredAt})
    ON CONFLICT ("organizationId", "kind", "subjectId") DO NOTHING`;
}
