-- The payments page's totals at any size: per organization and UTC day, what its payments of each status,
-- flagged for review or not, matched to a contact or not, add up to (how many; how many count; what the
-- counted ones captured and had refunded). Kept by triggers on "Payment" in the transaction that changes a
-- payment, never by the app, so it always agrees with the payments it sums; the totals read whole days
-- here and only the partial days at a range's ends from "Payment". No foreign keys: a bucket emptied by a
-- delete (an organization's payments go with it) is removed by the trigger.

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

-- New payments, once per statement. Buckets are written in key order, so two transactions wait for
-- each other instead of deadlocking.
CREATE FUNCTION "payment_daily_totals_inserted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "PaymentDailyTotal" AS t ("organizationId", "day", "status", "flagged", "matched", "payments", "counted", "capturedPaise", "refundedPaise")
  SELECT p."organizationId", (p."paidAt" AT TIME ZONE 'UTC')::date, p."status", p."reviewReason" IS NOT NULL, p."contactId" IS NOT NULL,
         count(*), count(*) FILTER (WHERE p."countedAt" IS NOT NULL),
         COALESCE(sum(p."amountPaise") FILTER (WHERE p."countedAt" IS NOT NULL), 0), COALESCE(sum(p."refundedPaise") FILTER (WHERE p."countedAt" IS NOT NULL), 0)
    FROM "inserted" p
   GROUP BY 1, 2, 3, 4, 5
   ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT ("organizationId", "day", "status", "flagged", "matched") DO UPDATE
     SET "payments" = t."payments" + EXCLUDED."payments", "counted" = t."counted" + EXCLUDED."counted",
         "capturedPaise" = t."capturedPaise" + EXCLUDED."capturedPaise", "refundedPaise" = t."refundedPaise" + EXCLUDED."refundedPaise";
  RETURN NULL;
END
$$;

CREATE TRIGGER "Payment_daily_totals_insert" AFTER INSERT ON "Payment"
    REFERENCING NEW TABLE AS "inserted" FOR EACH STATEMENT EXECUTE FUNCTION "payment_daily_totals_inserted"();

-- Changed payments: each row leaves its old bucket and joins its new one; a statement that changes
-- nothing the totals read (most of the pipeline's updates) writes nothing.
CREATE FUNCTION "payment_daily_totals_updated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "PaymentDailyTotal" AS t ("organizationId", "day", "status", "flagged", "matched", "payments", "counted", "capturedPaise", "refundedPaise")
  SELECT d."organizationId", d."day", d."status", d."flagged", d."matched", sum(d."payments"), sum(d."counted"), sum(d."capturedPaise"), sum(d."refundedPaise")
    FROM (
      SELECT o."organizationId", (o."paidAt" AT TIME ZONE 'UTC')::date AS "day", o."status", o."reviewReason" IS NOT NULL AS "flagged", o."contactId" IS NOT NULL AS "matched",
             -1 AS "payments", -(o."countedAt" IS NOT NULL)::int AS "counted",
             CASE WHEN o."countedAt" IS NOT NULL THEN -o."amountPaise" ELSE 0 END AS "capturedPaise",
             CASE WHEN o."countedAt" IS NOT NULL THEN -o."refundedPaise" ELSE 0 END AS "refundedPaise"
        FROM "before" o
      UNION ALL
      SELECT n."organizationId", (n."paidAt" AT TIME ZONE 'UTC')::date, n."status", n."reviewReason" IS NOT NULL, n."contactId" IS NOT NULL,
             1, (n."countedAt" IS NOT NULL)::int,
             CASE WHEN n."countedAt" IS NOT NULL THEN n."amountPaise" ELSE 0 END,
             CASE WHEN n."countedAt" IS NOT NULL THEN n."refundedPaise" ELSE 0 END
        FROM "after" n
    ) d
   GROUP BY 1, 2, 3, 4, 5
  HAVING sum(d."payments") <> 0 OR sum(d."counted") <> 0 OR sum(d."capturedPaise") <> 0 OR sum(d."refundedPaise") <> 0
   ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT ("organizationId", "day", "status", "flagged", "matched") DO UPDATE
     SET "payments" = t."payments" + EXCLUDED."payments", "counted" = t."counted" + EXCLUDED."counted",
         "capturedPaise" = t."capturedPaise" + EXCLUDED."capturedPaise", "refundedPaise" = t."refundedPaise" + EXCLUDED."refundedPaise";
  DELETE FROM "PaymentDailyTotal" t
   USING (SELECT DISTINCT o."organizationId", (o."paidAt" AT TIME ZONE 'UTC')::date AS "day", o."status", o."reviewReason" IS NOT NULL AS "flagged", o."contactId" IS NOT NULL AS "matched" FROM "before" o) k
   WHERE t."organizationId" = k."organizationId" AND t."day" = k."day" AND t."status" = k."status" AND t."flagged" = k."flagged" AND t."matched" = k."matched"
     AND t."payments" = 0;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Payment_daily_totals_update" AFTER UPDATE ON "Payment"
    REFERENCING OLD TABLE AS "before" NEW TABLE AS "after" FOR EACH STATEMENT EXECUTE FUNCTION "payment_daily_totals_updated"();

-- Deleted payments (an organization's go with it): their buckets lose them; emptied buckets go.
CREATE FUNCTION "payment_daily_totals_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "PaymentDailyTotal" t
     SET "payments" = t."payments" - d."payments", "counted" = t."counted" - d."counted",
         "capturedPaise" = t."capturedPaise" - d."capturedPaise", "refundedPaise" = t."refundedPaise" - d."refundedPaise"
    FROM (
      SELECT o."organizationId", (o."paidAt" AT TIME ZONE 'UTC')::date AS "day", o."status", o."reviewReason" IS NOT NULL AS "flagged", o."contactId" IS NOT NULL AS "matched",
             count(*) AS "payments", count(*) FILTER (WHERE o."countedAt" IS NOT NULL) AS "counted",
             COALESCE(sum(o."amountPaise") FILTER (WHERE o."countedAt" IS NOT NULL), 0) AS "capturedPaise",
             COALESCE(sum(o."refundedPaise") FILTER (WHERE o."countedAt" IS NOT NULL), 0) AS "refundedPaise"
        FROM "deleted" o GROUP BY 1, 2, 3, 4, 5
    ) d
   WHERE t."organizationId" = d."organizationId" AND t."day" = d."day" AND t."status" = d."status" AND t."flagged" = d."flagged" AND t."matched" = d."matched";
  DELETE FROM "PaymentDailyTotal" t
   USING (SELECT DISTINCT o."organizationId", (o."paidAt" AT TIME ZONE 'UTC')::date AS "day" FROM "deleted" o) k
   WHERE t."organizationId" = k."organizationId" AND t."day" = k."day" AND t."payments" = 0;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Payment_daily_totals_delete" AFTER DELETE ON "Payment"
    REFERENCING OLD TABLE AS "deleted" FOR EACH STATEMENT EXECUTE FUNCTION "payment_daily_totals_deleted"();

-- A truncated "Payment" (directly or with its organizations) leaves nothing to add up.
CREATE FUNCTION "payment_daily_totals_truncated"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE "PaymentDailyTotal";
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
