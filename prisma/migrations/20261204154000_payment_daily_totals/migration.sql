-- The payments page's totals at any size: per organization and UTC day, what its payments of each status,
-- flagged for review or not, matched to a contact or not, add up to (how many; how many count; what the
-- counted ones captured and had refunded). Triggers on "Payment" record every change as a row of
-- "PaymentDailyTotalChange" in the transaction that makes it (inserts only: no row is shared between
-- two writers, so the pipeline's transactions never wait for each other here); the payments_compact_totals
-- sweep folds them into "PaymentDailyTotal" every minute. Totals read both, whole days here and the
-- part-days at a range's ends from "Payment". No foreign keys: compaction removes emptied buckets (an
-- organization's payments go with it, and their changes with them).

-- CreateTable
CREATE TABLE "PaymentDailyTotal" (
    "organizationId" UUID NOT NULL,
    "day" DATE NOT NULL,
    "status" "PaymentStatus" NOT NULL,
    "flagged" BOOLEAN NOT NULL,
    "matched" BOOLEAN NOT NULL,
    "payments" INTEGER NOT NULL,
    "counted" INTEGER NOT NULL,
    "capturedPaise" BIGINT NOT NULL,
    "refundedPaise" BIGINT NOT NULL,

    CONSTRAINT "PaymentDailyTotal_pkey" PRIMARY KEY ("organizationId","day","status","flagged","matched")
);

-- CreateTable
CREATE TABLE "PaymentDailyTotalChange" (
    "id" BIGSERIAL NOT NULL,
    "organizationId" UUID NOT NULL,
    "day" DATE NOT NULL,
    "status" "PaymentStatus" NOT NULL,
    "flagged" BOOLEAN NOT NULL,
    "matched" BOOLEAN NOT NULL,
    "payments" INTEGER NOT NULL,
    "counted" INTEGER NOT NULL,
    "capturedPaise" BIGINT NOT NULL,
    "refundedPaise" BIGINT NOT NULL,

    CONSTRAINT "PaymentDailyTotalChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PaymentDailyTotalChange_organizationId_day_idx" ON "PaymentDailyTotalChange"("organizationId", "day");

-- The buckets' changes, grouped by bucket: a row of "Payment" adds itself (sign 1) or takes itself away
-- (sign -1). Written out in each trigger below, over its transition table.

-- New payments, once per statement.
CREATE FUNCTION "payment_daily_totals_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "PaymentDailyTotalChange" ("organizationId", "day", "status", "flagged", "matched", "payments", "counted", "capturedPaise", "refundedPaise")
  SELECT p."organizationId", (p."paidAt" AT TIME ZONE 'UTC')::date, p."status", p."reviewReason" IS NOT NULL, p."contactId" IS NOT NULL,
         count(*), count(*) FILTER (WHERE p."countedAt" IS NOT NULL),
         COALESCE(sum(p."amountPaise") FILTER (WHERE p."countedAt" IS NOT NULL), 0), COALESCE(sum(p."refundedPaise") FILTER (WHERE p."countedAt" IS NOT NULL), 0)
    FROM "inserted" p
   GROUP BY 1, 2, 3, 4, 5;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Payment_daily_totals_insert" AFTER INSERT ON "Payment"
    REFERENCING NEW TABLE AS "inserted" FOR EACH STATEMENT EXECUTE FUNCTION "payment_daily_totals_inserted"();

-- Changed payments leave their old bucket and join their new one. Only the rows whose bucket or sums
-- changed count: most of the pipeline's updates change neither, and record nothing.
CREATE FUNCTION "payment_daily_totals_updated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "PaymentDailyTotalChange" ("organizationId", "day", "status", "flagged", "matched", "payments", "counted", "capturedPaise", "refundedPaise")
  SELECT d."organizationId", d."day", d."status", d."flagged", d."matched", sum(d."payments"), sum(d."counted"), sum(d."capturedPaise"), sum(d."refundedPaise")
    FROM (
      SELECT x."organizationId", (x."paidAt" AT TIME ZONE 'UTC')::date AS "day", x."status", x."reviewReason" IS NOT NULL AS "flagged", x."contactId" IS NOT NULL AS "matched",
             x."sign" AS "payments", x."sign" * (x."countedAt" IS NOT NULL)::int AS "counted",
             CASE WHEN x."countedAt" IS NOT NULL THEN x."sign" * x."amountPaise" ELSE 0 END AS "capturedPaise",
             CASE WHEN x."countedAt" IS NOT NULL THEN x."sign" * x."refundedPaise" ELSE 0 END AS "refundedPaise"
        FROM (
          SELECT -1 AS "sign", o."organizationId", o."paidAt", o."status", o."reviewReason", o."contactId", o."countedAt", o."amountPaise", o."refundedPaise" FROM "before" o
          UNION ALL
          SELECT 1, n."organizationId", n."paidAt", n."status", n."reviewReason", n."contactId", n."countedAt", n."amountPaise", n."refundedPaise" FROM "after" n
        ) x
    ) d
   GROUP BY 1, 2, 3, 4, 5
  HAVING sum(d."payments") <> 0 OR sum(d."counted") <> 0 OR sum(d."capturedPaise") <> 0 OR sum(d."refundedPaise") <> 0;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Payment_daily_totals_update" AFTER UPDATE ON "Payment"
    REFERENCING OLD TABLE AS "before" NEW TABLE AS "after" FOR EACH STATEMENT EXECUTE FUNCTION "payment_daily_totals_updated"();

-- Deleted payments (an organization's go with it).
CREATE FUNCTION "payment_daily_totals_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "PaymentDailyTotalChange" ("organizationId", "day", "status", "flagged", "matched", "payments", "counted", "capturedPaise", "refundedPaise")
  SELECT p."organizationId", (p."paidAt" AT TIME ZONE 'UTC')::date, p."status", p."reviewReason" IS NOT NULL, p."contactId" IS NOT NULL,
         -count(*), -count(*) FILTER (WHERE p."countedAt" IS NOT NULL),
         -COALESCE(sum(p."amountPaise") FILTER (WHERE p."countedAt" IS NOT NULL), 0), -COALESCE(sum(p."refundedPaise") FILTER (WHERE p."countedAt" IS NOT NULL), 0)
    FROM "deleted" p
   GROUP BY 1, 2, 3, 4, 5;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Payment_daily_totals_delete" AFTER DELETE ON "Payment"
    REFERENCING OLD TABLE AS "deleted" FOR EACH STATEMENT EXECUTE FUNCTION "payment_daily_totals_deleted"();

-- A truncated "Payment" (directly or with its organizations) leaves nothing to add up.
CREATE FUNCTION "payment_daily_totals_truncated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE "PaymentDailyTotal", "PaymentDailyTotalChange";
  RETURN NULL;
END
$$;

CREATE TRIGGER "Payment_daily_totals_truncate" AFTER TRUNCATE ON "Payment"
    FOR EACH STATEMENT EXECUTE FUNCTION "payment_daily_totals_truncated"();

-- The payments already there.
INSERT INTO "PaymentDailyTotal" ("organizationId", "day", "status", "flagged", "matched", "payments", "counted", "capturedPaise", "refundedPaise")
SELECT p."organizationId", (p."paidAt" AT TIME ZONE 'UTC')::date, p."status", p."reviewReason" IS NOT NULL, p."contactId" IS NOT NULL,
       count(*), count(*) FILTER (WHERE p."countedAt" IS NOT NULL),
       COALESCE(sum(p."amountPaise") FILTER (WHERE p."countedAt" IS NOT NULL), 0), COALESCE(sum(p."refundedPaise") FILTER (WHERE p."countedAt" IS NOT NULL), 0)
  FROM "Payment" p
 GROUP BY 1, 2, 3, 4, 5;
