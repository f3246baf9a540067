// Generates the payments page's data on top of the contacts: per organization a payment account and
// payments over its contacts, products and sellers (agents and managers), as the Razorpay pipeline
// leaves them. Set-based, inside PostgreSQL (INSERT … SELECT FROM generate_series), one statement per
// organization; every value a hash of the row number, so a run is reproducible.
//
// Payment row i of an organization:
//   - paidAt over the past two years, skewed towards recent (u² of 730 days back), to the millisecond;
//     every 500th row shares its paidAt with the row before (ties the keyset must order by id);
//   - status 82 % CAPTURED, 5 % PARTIALLY_REFUNDED, 3 % REFUNDED, 8 % FAILED, 2 % AUTHORIZED;
//   - 1 % unmatched (no contact, product or agent; never counted), 0.5 % of the matched captured ones
//     flagged for review (another amount than asked; not counted);
//   - the contact skewed towards a tenth of the contacts (repeat buyers), the product one of the
//     organization's, its price the amount, the agent one of the sellers (skewed to the first) or none
//     for 12 %; method UPI 60 %, card 25 %, netbanking 10 %, wallet 5 %;
//   - countedAt set exactly when captured (or refunded after capture), matched and not flagged, as
//     settlePayment sets it; refundedPaise a quarter of the amount when partly refunded, all of it when refunded.
// Links and orders are not generated: the page never reads them.
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { newWebhookSecret, sealPaymentAccountSecrets } from "../app/models/payment-account.server";
import type { Dataset, DatasetOrganization } from "./generate";

/** Bump when the payments change shape: a stored layer of another version is generated again. */
export const PAYMENTS_GENERATOR_VERSION = 2;

const LAYER_DDL = `
CREATE SCHEMA IF NOT EXISTS bench;
CREATE TABLE IF NOT EXISTS bench.payments_layer (
  id int PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  version int NOT NULL,
  main_organization_id uuid NOT NULL,
  payments int NOT NULL,
  per_other_contact numeric NOT NULL,
  generated_at timestamptz NOT NULL DEFAULT now(),
  timings jsonb NOT NULL
)`;

export type PaymentsLayer = { payments: number; otherPayments: number; generated: boolean; timings: { insertMs: number; vacuumAnalyzeMs: number } };

function uniform(expression: string, seed: number): string {
  return `((hashint8extended(${expression}, ${seed}) & 2147483647)::float8 / 2147483648.0)`;
}

/** One organization's payments: $1 organization, $2 account, $3 now, $4 how many. */
const INSERT_PAYMENTS = `
WITH contacts AS (SELECT array_agg(c."id" ORDER BY c."id") AS ids FROM "Contact" c WHERE c."organizationId" = $1::uuid),
     products AS (SELECT array_agg(p."id" ORDER BY p."name") AS ids, array_agg(p."pricePaise" ORDER BY p."name") AS prices
                    FROM "Product" p WHERE p."organizationId" = $1::uuid),
     sellers AS (SELECT array_agg(m."userId" ORDER BY m.role = 'AGENT' DESC, u.email) AS ids
                   FROM "Membership" m JOIN "User" u ON u.id = m."userId"
                  WHERE m."organizationId" = $1::uuid AND m.role IN ('AGENT', 'MANAGER')),
     rows AS (
       SELECT g AS i,
              ${uniform("g", 1)} AS u_time, ${uniform("g", 2)} AS u_status, ${uniform("g", 3)} AS u_match,
              ${uniform("g", 4)} AS u_contact, ${uniform("g", 5)} AS u_product, ${uniform("g", 6)} AS u_agent,
              ${uniform("g", 7)} AS u_method, ${uniform("g", 8)} AS u_review
         FROM generate_series(1, $4::int) g
     ),
     shaped AS (
       SELECT r.i,
              -- Every 500th payment is paid in the same millisecond as the one before it.
              date_trunc('milliseconds', $3::timestamptz - (power(CASE WHEN r.i % 500 = 0 THEN ${uniform("r.i - 1", 1)} ELSE r.u_time END, 2) * interval '730 days')) AS paid_at,
              CASE WHEN r.u_status < 0.82 THEN 'CAPTURED' WHEN r.u_status < 0.87 THEN 'PARTIALLY_REFUNDED' WHEN r.u_status < 0.90 THEN 'REFUNDED'
                   WHEN r.u_status < 0.98 THEN 'FAILED' ELSE 'AUTHORIZED' END AS status,
              r.u_match < 0.01 AS unmatched,
              r.u_review < 0.005 AS flagged,
              -- Repeat buyers: 60 % of payments come from a tenth of the contacts.
              1 + floor(CASE WHEN r.u_contact < 0.6 THEN r.u_contact / 0.6 * 0.1 ELSE 0.1 + (r.u_contact - 0.6) / 0.4 * 0.9 END * cardinality(c.ids))::int AS contact_n,
              1 + floor(r.u_product * cardinality(p.ids))::int AS product_n,
              CASE WHEN r.u_agent < 0.12 OR cardinality(s.ids) IS NULL THEN NULL
                   ELSE 1 + floor(power((r.u_agent - 0.12) / 0.88, 1.6) * cardinality(s.ids))::int END AS agent_n,
              CASE WHEN r.u_method < 0.6 THEN 'upi' WHEN r.u_method < 0.85 THEN 'card' WHEN r.u_method < 0.95 THEN 'netbanking' ELSE 'wallet' END AS method,
              c.ids AS contact_ids, p.ids AS product_ids, p.prices AS prices, s.ids AS seller_ids
         FROM rows r CROSS JOIN contacts c CROSS JOIN products p CROSS JOIN sellers s
     ),
     flagged AS (
       SELECT x.*,
              x.prices[x.product_n] AS price,
              x.status IN ('CAPTURED', 'PARTIALLY_REFUNDED', 'REFUNDED') AS captured,
              x.status IN ('CAPTURED', 'PARTIALLY_REFUNDED', 'REFUNDED') AND NOT x.unmatched AND x.flagged AS review
         FROM shaped x
     ),
     valued AS (SELECT f.*, CASE WHEN f.review THEN f.price - 100000 ELSE f.price END AS amount FROM flagged f)
INSERT INTO "Payment" ("organizationId", "accountId", "providerPaymentId", "providerOrderId", "contactId", "productId", "agentId",
                       "amountPaise", "currency", "method", "status", "refundedPaise", "paidAt", "authorizedAt", "capturedAt", "failedAt",
                       "errorDescription", "reviewReason", "countedAt", "failureAnnouncedAt", "flaggedAt", "createdAt", "updatedAt")
SELECT $1::uuid, $2::uuid, 'pay_b' || lpad(v.i::text, 12, '0'), 'order_b' || lpad(v.i::text, 12, '0'),
       CASE WHEN v.unmatched THEN NULL ELSE v.contact_ids[v.contact_n] END,
       CASE WHEN v.unmatched THEN NULL ELSE v.product_ids[v.product_n] END,
       CASE WHEN v.unmatched OR v.agent_n IS NULL THEN NULL ELSE v.seller_ids[v.agent_n] END,
       v.amount, 'INR', v.method, v.status::"PaymentStatus",
       CASE v.status WHEN 'PARTIALLY_REFUNDED' THEN (v.amount / 4) WHEN 'REFUNDED' THEN v.amount ELSE 0 END,
       v.paid_at, v.paid_at,
       CASE WHEN v.captured THEN v.paid_at + interval '2 seconds' END,
       CASE WHEN v.status = 'FAILED' THEN v.paid_at + interval '1 second' END,
       CASE WHEN v.status = 'FAILED' THEN 'Payment was declined by the customer''s bank.' END,
       CASE WHEN v.review THEN 'Paid ₹' || (v.amount / 100) || '.00, but the link or order asked for ₹' || (v.price / 100) || '.00; not counted until someone checks it.' END,
       CASE WHEN v.captured AND NOT v.unmatched AND NOT v.review THEN v.paid_at + interval '3 seconds' END,
       CASE WHEN v.status = 'FAILED' AND NOT v.unmatched THEN v.paid_at + interval '3 seconds' END,
       CASE WHEN v.review THEN v.paid_at + interval '3 seconds' END,
       v.paid_at, v.paid_at
  FROM valued v`;

async function readLayer(pool: pg.Pool) {
  await pool.query(LAYER_DDL);
  const { rows } = await pool.query<{ version: number; main_organization_id: string; payments: number; per_other_contact: string; timings: PaymentsLayer["timings"] }>(
    "SELECT version, main_organization_id, payments, per_other_contact, timings FROM bench.payments_layer WHERE id = 1",
  );
  return rows[0] ?? null;
}

async function countPayments(pool: pg.Pool, organizationId: string): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Payment" WHERE "organizationId" = $1`, [organizationId]);
  return rows[0]!.n;
}

/**
 * What inserting the payments writes: the payments, and through the triggers their contacts' flag and
 * the flagged contacts' search words (read by index-only scans of the payments page's searches).
 */
const PAYMENT_WRITTEN_TABLES = ["Payment", "Contact", "ContactSearchWord"] as const;

/**
 * Vacuums the table until its visibility map covers (nearly) every page, as autovacuum keeps a table
 * that settled long ago, so index-only scans read no rows. One VACUUM is not always enough: while
 * another session holds an older snapshot (autovacuum analyzing the contacts just generated), the new
 * rows are not yet visible to everyone and their pages stay unmarked.
 */
export async function vacuumUntilAllVisible(pool: pg.Pool, table: string, log: (line: string) => void): Promise<void> {
  const visibleShare = async () => {
    const { rows } = await pool.query<{ share: number }>(
      `SELECT CASE WHEN relpages = 0 THEN 1 ELSE relallvisible::float / relpages END AS share FROM pg_class WHERE oid = $1::regclass`,
      [`"${table}"`],
    );
    return rows[0]!.share;
  };
  if ((await visibleShare()) >= 0.99) return;
  for (let attempt = 1; attempt <= 60; attempt += 1) {
    await pool.query(`VACUUM "${table}"`);
    const share = await visibleShare();
    if (share >= 0.99) return;
    if (attempt === 1) log(`waiting for older snapshots to end: ${(share * 100).toFixed(0)} % of "${table}" is all-visible after VACUUM`);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
  throw new Error(`"${table}" is still not all-visible after a minute of VACUUMs: a session holds an old snapshot`);
}

/**
 * Brings the payments to `payments` in the main organization and `perOtherContact` per contact in the
 * others, generating them afresh when the stored layer differs (or the contacts were generated again).
 */
export async function ensurePayments(
  pool: pg.Pool,
  dataset: Dataset,
  { payments, perOtherContact, log }: { payments: number; perOtherContact: number; log: (line: string) => void },
): Promise<PaymentsLayer> {
  const layer = await readLayer(pool);
  const others = dataset.others.map((organization) => ({ organization, payments: Math.round(organization.contacts * perOtherContact) }));
  const otherPayments = others.reduce((sum, other) => sum + other.payments, 0);
  const stored =
    layer &&
    layer.version === PAYMENTS_GENERATOR_VERSION &&
    layer.main_organization_id === dataset.main.id &&
    layer.payments === payments &&
    Number(layer.per_other_contact) === perOtherContact &&
    (await countPayments(pool, dataset.main.id)) === payments;
  if (stored) {
    for (const table of PAYMENT_WRITTEN_TABLES) await vacuumUntilAllVisible(pool, table, log);
    return { payments, otherPayments, generated: false, timings: layer.timings };
  }

  log(`generating payments: ${payments.toLocaleString("en-US")} in the main organization, ${otherPayments.toLocaleString("en-US")} in ${others.length} others`);
  const started = performance.now();
  await pool.query(`DELETE FROM "Refund"`);
  await pool.query(`DELETE FROM "Payment"`);
  await pool.query(`DELETE FROM "PaymentAccount"`);
  const now = new Date();
  const plans: Array<{ organization: DatasetOrganization; payments: number }> = [{ organization: dataset.main, payments }, ...others];
  for (const plan of plans) {
    if (plan.payments === 0) continue;
    // A sandbox account as the app makes one (sealed secrets): the webhook benchmark signs with it.
    const accountId = randomUUID();
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO "PaymentAccount" ("id", "organizationId", "provider", "secrets", "updatedAt") VALUES ($1, $2, 'SANDBOX', $3, now()) RETURNING id`,
      [accountId, plan.organization.id, sealPaymentAccountSecrets(accountId, { webhookSecrets: [newWebhookSecret()] })],
    );
    const client = await pool.connect();
    try {
      await client.query("SET synchronous_commit = off");
      await client.query(INSERT_PAYMENTS, [plan.organization.id, rows[0]!.id, now, plan.payments]);
    } finally {
      client.release();
    }
  }
  const insertMs = performance.now() - started;
  const vacuumStarted = performance.now();
  for (const table of PAYMENT_WRITTEN_TABLES) {
    await pool.query(`ANALYZE "${table}"`);
    await vacuumUntilAllVisible(pool, table, log);
  }
  await pool.query("CHECKPOINT").catch(() => {});
  const vacuumAnalyzeMs = performance.now() - vacuumStarted;
  const timings = { insertMs, vacuumAnalyzeMs };
  await pool.query(
    `INSERT INTO bench.payments_layer (id, version, main_organization_id, payments, per_other_contact, timings) VALUES (1, $1, $2, $3, $4, $5)
     ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version, main_organization_id = EXCLUDED.main_organization_id, payments = EXCLUDED.payments,
       per_other_contact = EXCLUDED.per_other_contact, timings = EXCLUDED.timings, generated_at = now()`,
    [PAYMENTS_GENERATOR_VERSION, dataset.main.id, payments, perOtherContact, JSON.stringify(timings)],
  );
  log(`generated payments in ${(insertMs / 1000).toFixed(1)} s (vacuum/analyze ${(vacuumAnalyzeMs / 1000).toFixed(1)} s)`);
  return { payments, otherPayments, generated: true, timings };
}
