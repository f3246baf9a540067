// Razorpay webhook ingest: signed payment events posted at the app's HTTP server (a web process of
// its own, the webhook fast path and the real route) at a steady offered rate, while a worker process
// applies them to payments, links and contacts: production's layout (`npm start` with
// RUN_WORKER=false, `npm run worker`). Each payment of a payment link tells its story in five events
// (authorized, captured, payment_link.paid, order.paid, and a partial refund processed — or a refund
// created that never processes), a fifth of the posts are exact repeats of others (same body, same
// x-razorpay-event-id), and the whole list is shuffled, so events of a payment arrive in any order.
// Prints the answer times from each post's scheduled time and from its actual send, accepted posts
// a second, refusals and failures; then, once the queue has drained, how long that took and every
// book that must match exactly (payments counted once, each contact's spend, their sum, the domain
// events, notifications and timeline entries, events left with an error), next to plain single-row
// INSERTs of a similar payload in the same run.
// Target (issue: payments): 2,000 signed events/s for 30 s, p99 answer ≤ 200 ms, totals exact.
import { randomBytes } from "node:crypto";
import http from "node:http";
import os from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { runMigrations } from "graphile-worker";
import { getEnv } from "../../app/utils/env.server";
import { newPaymentStory, signedRazorpayPost, storyEvent, type PaymentStory, type StoryEvent } from "../../app/testing/razorpay-events";
import { createPaymentAccount } from "../../prisma/factories-payments";
import type { Benchmark, BenchContext, LeftoverContext } from "../lib/benchmark";
import {
  cpuProfileOptions,
  cpuUsersBetween,
  everyProcessCpuSeconds,
  machineCpuSeconds,
  processCpuSeconds,
  profileStamp,
  rawInsertBaseline,
  rawInsertsAtRate,
  startWebProcess,
  startWorkerProcess,
  stopProcess,
  waitForWorker,
} from "../lib/ingest-harness";
import { figure, summarize, withTarget, type Figure } from "../lib/measure";

const DEFAULT_SECONDS = 30;
/** Posts offered a second (the issue's target): post i is due at start + i / RATE, whatever became of the earlier ones. */
const TARGET_RATE = 2_000;
/** PAYMENTS_BENCH_RATE offers another rate, to find where the answers break down (a diagnosis; the target stays). */
const RATE = Number(process.env.PAYMENTS_BENCH_RATE ?? TARGET_RATE);
const DUPLICATE_SHARE = 0.2;
const EVENTS_PER_PAYMENT = 5;
/**
 * Connections the client holds, all opened before the clock starts (a hundred at a time): far more than
 * the posts in flight at the target's answer time (2,000/s × 200 ms = 400). Opening them under load
 * instead overflowed the server's listen queue, and a connection refused that way waits seconds to retry.
 */
const MAX_SOCKETS = 1_000;
/**
 * Jobs the worker runs at once: the app's own default (WORKER_CONCURRENCY, 5) unless
 * PAYMENTS_BENCH_WORKER_CONCURRENCY says otherwise. On two cores 64 jobs at once applied events hardly
 * faster (182 against 169 a second: the apply is CPU-bound) and took the web's CPU.
 */
function workerConcurrency(): number {
  return Number(process.env.PAYMENTS_BENCH_WORKER_CONCURRENCY ?? getEnv().WORKER_CONCURRENCY);
}
/** Payments whose events warm up the web and the worker before the measured load (not counted). */
const WARMUP_PAYMENTS = 200;
const WARMUP_RATE = 500;
const DRAIN_TIMEOUT_MS = 20 * 60_000;
const REQUEST_TIMEOUT_MS = 30_000;
/** The client is late when a post leaves more than this after its time (its own event loop, not the server). */
const LATE_MS = 10;
const SEED = 20_261_205;

// Recognisable ids, so a run that crashed leaves nothing the next run cannot find and remove.
const PHONE_PREFIX = "+9166";
const BENCH_ID = "bench";

/** A small, seeded generator: the same shuffle and the same repeats on every run. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

const benchId = (prefix: string) => `${prefix}${BENCH_ID}${randomBytes(8).toString("hex")}`;

/** One payment the benchmark makes happen: its link and contact, and what the books must say at the end. */
type Payment = {
  contactId: string;
  linkId: string;
  story: PaymentStory & { refund: NonNullable<PaymentStory["refund"]> };
  refundProcessed: boolean;
  /** Price less the processed refund. */
  expectedSpentPaise: bigint;
};

/** A post as it goes on the wire, body and headers made before the clock starts. */
type Post = { payment: number; event: StoryEvent; eventId: string; body: Buffer; headers: http.OutgoingHttpHeaders };

const REFUND_EVENTS = ["refund.processed", "refund.created"] as const;
const STORY: StoryEvent[] = ["payment.authorized", "payment.captured", "payment_link.paid", "order.paid"];

/** N contacts (set-based) with a payment link each at one of the organization's product prices, and their stories. */
async function createPayments(context: BenchContext, input: { accountId: string; count: number; firstNumber: number; startedAt: number }): Promise<Payment[]> {
  const { pool, dataset } = context;
  const organizationId = dataset.main.id;
  const { rows } = await pool.query<{ contactId: string; linkId: string; amountPaise: string; providerLinkId: string; n: number }>(
    `WITH products AS (
       SELECT "id", "pricePaise", (row_number() OVER (ORDER BY "pricePaise", "id") - 1)::int AS k, count(*) OVER ()::int AS of
         FROM "Product" WHERE "organizationId" = $1 AND "pricePaise" >= 100
     ), contacts AS (
       INSERT INTO "Contact" ("organizationId", "name", "phone", "source", "ownerId", "updatedAt")
       SELECT $1, 'Bench payer ' || g, $2 || lpad(g::text, 8, '0'), 'WHATSAPP', ($3::uuid[])[1 + g % cardinality($3::uuid[])], now()
         FROM generate_series($4::int, $4::int + $5::int - 1) AS g
       RETURNING "id", "phone"
     ), numbered AS (
       SELECT c."id", (substr(c."phone", length($2) + 1))::int AS n FROM contacts c
     ), links AS (
       INSERT INTO "PaymentLink" ("organizationId", "accountId", "contactId", "productId", "createdById", "code", "providerLinkId", "amountPaise", "description", "updatedAt")
       SELECT $1, $6, c."id", p."id", $7, 'b' || substr(md5(random()::text || c."id"::text), 1, 15),
              'plink_' || $8 || substr(md5(c."id"::text), 1, 20), p."pricePaise", 'Bench payment ' || c.n, now()
         FROM numbered c JOIN products p ON p.k = c.n % p.of
       RETURNING "id", "contactId", "amountPaise", "providerLinkId"
     )
     SELECT l."contactId"::text AS "contactId", l."id"::text AS "linkId", l."amountPaise"::text AS "amountPaise", l."providerLinkId", c.n
       FROM links l JOIN numbered c ON c."id" = l."contactId" ORDER BY c.n`,
    [organizationId, PHONE_PREFIX, dataset.main.userIds, input.firstNumber, input.count, input.accountId, dataset.main.ownerUserId, BENCH_ID],
  );
  if (rows.length !== input.count) throw new Error(`made ${rows.length} payment links, not ${input.count} (does the organization have products?)`);
  return rows.map((row, index) => {
    const amountPaise = BigInt(row.amountPaise);
    const refundPaise = (amountPaise * BigInt(10 + ((row.n * 7) % 40))) / 100n;
    const refundProcessed = row.n % 2 === 0;
    const story = newPaymentStory(row.linkId, Number(amountPaise), {
      providerLinkId: row.providerLinkId,
      providerOrderId: benchId("order_"),
      providerPaymentId: benchId("pay_"),
      refund: { providerRefundId: benchId("rfnd_"), amountPaise: Number(refundPaise) },
      startedAt: input.startedAt + index * 7,
    }) as Payment["story"];
    return { contactId: row.contactId, linkId: row.linkId, story, refundProcessed, expectedSpentPaise: amountPaise - (refundProcessed ? refundPaise : 0n) };
  });
}

/** Every payment's five events, signed as Razorpay signs them. */
function postsOf(payments: Payment[], firstIndex: number, secret: string): Post[] {
  return payments.flatMap((payment, offset) =>
    [...STORY, payment.refundProcessed ? REFUND_EVENTS[0] : REFUND_EVENTS[1]].map((event) => {
      const signed = signedRazorpayPost(storyEvent(payment.story, event), secret, benchId("evt_"));
      const body = Buffer.from(signed.raw, "utf8");
      return {
        payment: firstIndex + offset,
        event,
        eventId: signed.eventId,
        body,
        headers: { "Content-Type": "application/json", "Content-Length": body.length, "X-Razorpay-Signature": signed.signature, "X-Razorpay-Event-Id": signed.eventId },
      };
    }),
  );
}

type Outcome = { scheduled: number; fired: number; sent: number; answered: number; status: number };

/**
 * Posts `posts` at `rate` a second from now: post i is fired at start + i / rate however many are still
 * unanswered (an open loop), over up to MAX_SOCKETS keep-alive connections. Each outcome has the
 * scheduled, fired, sent (on a connected socket) and answered times; status 0 is a failure.
 */
function postOnSchedule(agent: http.Agent, port: number, path: string, posts: Post[], rate: number): Promise<{ outcomes: Outcome[]; maxInFlight: number; queuedForSocket: number }> {
  const outcomes: Outcome[] = posts.map(() => ({ scheduled: 0, fired: 0, sent: 0, answered: 0, status: 0 }));
  let inFlight = 0;
  let maxInFlight = 0;
  let queuedForSocket = 0;
  let next = 0;
  let settled = 0;
  const start = performance.now() + 20;
  return new Promise((resolve) => {
    const done = () => {
      settled += 1;
      inFlight -= 1;
      if (settled === posts.length) resolve({ outcomes, maxInFlight, queuedForSocket });
    };
    const fire = (index: number) => {
      const outcome = outcomes[index]!;
      const post = posts[index]!;
      outcome.scheduled = start + (index * 1000) / rate;
      outcome.fired = performance.now();
      inFlight += 1;
      if (inFlight > maxInFlight) maxInFlight = inFlight;
      if (inFlight > MAX_SOCKETS) queuedForSocket += 1;
      const request = http.request({ agent, host: "127.0.0.1", port, path, method: "POST", headers: post.headers, timeout: REQUEST_TIMEOUT_MS }, (response) => {
        response.resume();
        response.on("end", () => {
          outcome.answered = performance.now();
          outcome.status = response.statusCode ?? 0;
          done();
        });
      });
      request.once("socket", (socket) => {
        const mark = () => {
          outcome.sent = performance.now();
        };
        if (socket.connecting) socket.once("connect", mark);
        else mark();
      });
      request.on("timeout", () => request.destroy(new Error("timed out")));
      request.on("error", () => {
        if (outcome.answered === 0) {
          outcome.answered = performance.now();
          outcome.status = 0;
          done();
        }
      });
      request.end(post.body);
    };
    const tick = () => {
      const due = Math.min(posts.length, Math.floor(((performance.now() - start) * rate) / 1000) + 1);
      while (next < due) fire(next++);
      if (next < posts.length) setTimeout(tick, Math.max(0, start + (next * 1000) / rate - performance.now()));
    };
    setTimeout(tick, Math.max(0, start - performance.now()));
  });
}

/** Opens `count` keep-alive connections to the server (each answers a 405 for a GET) and leaves them in the agent. */
async function openConnections(agent: http.Agent, port: number, path: string, count: number) {
  await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<void>((resolve, reject) => {
          http
            .get({ agent, host: "127.0.0.1", port, path }, (response) => {
              response.resume();
              response.on("end", () => resolve());
            })
            .on("error", reject);
        }),
    ),
  );
}

async function pendingJobs(context: BenchContext): Promise<{ queued: number; failedOnce: number }> {
  const { rows } = await context.pool.query<{ queued: number; failed: number }>(
    `SELECT count(*)::int AS queued, (count(*) FILTER (WHERE j.last_error IS NOT NULL))::int AS failed
       FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
      WHERE t.identifier IN ('payments_apply_events', 'payments_match_order')`,
  );
  return { queued: rows[0]!.queued, failedOnce: rows[0]!.failed };
}

async function unprocessedEvents(context: BenchContext, accountId: string): Promise<number> {
  const { rows } = await context.pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "WebhookEvent"
      WHERE "provider" = 'razorpay' AND "organizationId" = $1 AND "processedAt" IS NULL AND "dedupeKey" LIKE $2`,
    [context.dataset.main.id, `${accountId}:%`],
  );
  return rows[0]!.n;
}

/** Waits until every razorpay event of the organization is processed and no payments job is left; null on timeout. */
async function waitForDrain(context: BenchContext, accountId: string, timeoutMs: number, onSample?: (sample: { at: number; queuedJobs: number }) => void): Promise<number | null> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    const jobs = await pendingJobs(context);
    onSample?.({ at: performance.now(), queuedJobs: jobs.queued });
    if (jobs.queued === 0 && (await unprocessedEvents(context, accountId)) === 0) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return null;
}

/**
 * Removes what the benchmark made (this run's, or one that crashed): events, jobs, payments, refunds,
 * contacts with their links and timeline. Answers how many contacts and events it removed.
 */
async function removeBenchRows(pool: BenchContext["pool"], { organizationId, accountId }: { organizationId: string; accountId: string }) {
  const events = `SELECT "id" FROM "WebhookEvent" WHERE "provider" = 'razorpay' AND "dedupeKey" LIKE $1`;
  await pool.query(
    `DELETE FROM graphile_worker._private_jobs
      WHERE key IN (SELECT 'payments_apply_events:' || "id"::text FROM (${events}) e) OR key LIKE $2`,
    [`${accountId}:evt_${BENCH_ID}%`, `payments_match_order:${accountId}:order_${BENCH_ID}%`],
  );
  const { rowCount: eventsRemoved } = await pool.query(`DELETE FROM "WebhookEvent" WHERE "id" IN (${events})`, [`${accountId}:evt_${BENCH_ID}%`]);
  await pool.query(`DELETE FROM "Refund" WHERE "accountId" = $1 AND "providerRefundId" LIKE $2`, [accountId, `rfnd_${BENCH_ID}%`]);
  await pool.query(`DELETE FROM "Payment" WHERE "accountId" = $1 AND "providerPaymentId" LIKE $2`, [accountId, `pay_${BENCH_ID}%`]);
  await pool.query(`DELETE FROM "PaymentOrder" WHERE "accountId" = $1 AND "providerOrderId" LIKE $2`, [accountId, `order_${BENCH_ID}%`]);
  const contacts = `SELECT "id" FROM "Contact" WHERE "organizationId" = $1 AND "phone" LIKE $2`;
  await pool.query(
    `DELETE FROM "Notification" WHERE "organizationId" = $1 AND "url" IN (SELECT '/contacts/' || "id"::text FROM (${contacts}) c)`,
    [organizationId, `${PHONE_PREFIX}%`],
  );
  // Links, timeline entries and domain events go with their contacts.
  const { rowCount: contactsRemoved } = await pool.query(`DELETE FROM "Contact" WHERE "id" IN (${contacts})`, [organizationId, `${PHONE_PREFIX}%`]);
  return { contacts: contactsRemoved ?? 0, events: eventsRemoved ?? 0 };
}

/** What a crashed run left, removed before the dataset is checked (so --reuse takes the dataset back). */
async function removeLeftovers({ databaseUrl, pool, dataset }: LeftoverContext): Promise<string | null> {
  const organizationId = dataset.main.id;
  const { rows } = await pool.query<{ id: string }>(`SELECT "id" FROM "PaymentAccount" WHERE "organizationId" = $1`, [organizationId]);
  if (rows.length === 0) return null;
  // The jobs' schema, should the crash have come before any worker started.
  await runMigrations({ connectionString: databaseUrl });
  const removed = await removeBenchRows(pool, { organizationId, accountId: rows[0]!.id });
  return removed.contacts + removed.events > 0 ? `${removed.contacts} contacts, ${removed.events} webhook events` : null;
}

/** WAL written so far (bytes, full-page images) and checkpoints done, to tell a disk-bound run from a CPU-bound one. */
async function walSoFar(context: BenchContext): Promise<{ bytes: number; fullPageImages: number; checkpoints: number }> {
  const { rows } = await context.pool.query<{ bytes: string; fpi: string; checkpoints: string }>(
    `SELECT w.wal_bytes::text AS bytes, w.wal_fpi::text AS fpi, (SELECT (num_timed + num_requested)::text FROM pg_stat_checkpointer) AS checkpoints FROM pg_stat_wal w`,
  );
  return { bytes: Number(rows[0]!.bytes), fullPageImages: Number(rows[0]!.fpi), checkpoints: Number(rows[0]!.checkpoints) };
}

/** Answer times and answers by the second in which posts were scheduled, in buckets of `seconds`. */
function timeline(outcomes: Outcome[], start: number, seconds: number) {
  const buckets = new Map<number, number[]>();
  for (const outcome of outcomes) {
    const bucket = Math.floor((outcome.scheduled - start) / 1000 / seconds);
    if (!buckets.has(bucket)) buckets.set(bucket, []);
    buckets.get(bucket)!.push(outcome.status === 200 ? outcome.answered - outcome.scheduled : Number.POSITIVE_INFINITY);
  }
  return [...buckets.entries()].sort((a, b) => a[0] - b[0]).map(([bucket, times]) => {
    const answered = times.filter(Number.isFinite);
    const stats = summarize(answered);
    return { fromSecond: bucket * seconds, posts: times.length, answered: answered.length, p50: stats.p50, p99: stats.p99 };
  });
}

/** Counts what the other sessions are doing now (their wait, or CPU, and the statement's first words). */
async function sampleWaits(context: BenchContext, into: Map<string, number>) {
  const { rows } = await context.pool.query<{ what: string; n: number }>(
    `SELECT COALESCE(wait_event_type || ':' || wait_event, 'CPU') || ' ' || left(regexp_replace(query, '\\s+', ' ', 'g'), 48) AS what, count(*)::int AS n
       FROM pg_stat_activity WHERE state = 'active' AND pid <> pg_backend_pid() AND backend_type = 'client backend' GROUP BY 1`,
  );
  for (const row of rows) into.set(row.what, (into.get(row.what) ?? 0) + row.n);
}

type Checks = Record<string, number>;

/** Every book that must match, each as a count of what does not (0 when all is right). */
async function checkBooks(context: BenchContext, accountId: string, payments: Payment[], { expectedStored, warmupPayments }: { expectedStored: number; warmupPayments: number }): Promise<{ checks: Checks; spent: bigint; expectedSpent: bigint }> {
  const { pool } = context;
  const organizationId = context.dataset.main.id;
  const expected = JSON.stringify(
    payments.map((payment) => ({
      contact_id: payment.contactId,
      link_id: payment.linkId,
      provider_payment_id: payment.story.providerPaymentId,
      amount: payment.story.amountPaise.toString(),
      refunded: payment.refundProcessed ? payment.story.refund.amountPaise.toString() : "0",
      spent: payment.expectedSpentPaise.toString(),
    })),
  );
  const expectedSpent = payments.reduce((sum, payment) => sum + payment.expectedSpentPaise, 0n);
  const { rows } = await pool.query<Record<string, number | string>>(
    `WITH expected AS (
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS e(contact_id uuid, link_id uuid, provider_payment_id text, amount bigint, refunded bigint, spent bigint)
     ), payments AS (
       SELECT e.*, p."id" AS payment_id, p."countedAt", p."contactId", p."paymentLinkId", p."refundedPaise", p."amountPaise"
         FROM expected e LEFT JOIN "Payment" p ON p."accountId" = $2 AND p."providerPaymentId" = e.provider_payment_id
     ), timeline AS (
       SELECT ce."contactId", count(*) FILTER (WHERE ce."type" = 'PAYMENT_RECEIVED') AS received, count(*) FILTER (WHERE ce."type" = 'PAYMENT_REFUNDED') AS refunded
         FROM "ContactEvent" ce WHERE ce."organizationId" = $3 AND ce."contactId" IN (SELECT contact_id FROM expected) GROUP BY ce."contactId"
     )
     SELECT
       (SELECT count(*) FROM payments WHERE payment_id IS NULL)::int AS "payments missing",
       (SELECT count(*) FROM payments WHERE payment_id IS NOT NULL AND ("countedAt" IS NULL OR "contactId" IS DISTINCT FROM contact_id OR "paymentLinkId" IS DISTINCT FROM link_id))::int AS "payments not counted to their contact",
       (SELECT count(*) FROM payments WHERE payment_id IS NOT NULL AND ("amountPaise" <> amount OR "refundedPaise" <> refunded))::int AS "payments with a wrong amount or refund",
       (SELECT count(*) FROM "Payment" WHERE "accountId" = $2 AND "providerPaymentId" LIKE $4)::int - (SELECT count(*) FROM expected)::int - $6::int AS "payments beyond N",
       (SELECT count(*) FROM expected e JOIN "Contact" c ON c."id" = e.contact_id WHERE c."amountSpentPaise" <> e.spent)::int AS "contacts whose spend ≠ price − processed refund",
       (SELECT count(*) FROM expected e LEFT JOIN "Contact" c ON c."id" = e.contact_id WHERE c."id" IS NULL OR c."stage" <> 'CONVERTED')::int AS "contacts not CONVERTED",
       (SELECT COALESCE(sum(c."amountSpentPaise"), 0) FROM expected e JOIN "Contact" c ON c."id" = e.contact_id)::text AS "spent",
       (SELECT count(*) FROM expected e LEFT JOIN timeline t ON t."contactId" = e.contact_id WHERE COALESCE(t.received, 0) <> 1)::int AS "contacts without exactly one PAYMENT_RECEIVED on the timeline",
       (SELECT count(*) FROM expected e LEFT JOIN timeline t ON t."contactId" = e.contact_id WHERE COALESCE(t.refunded, 0) <> CASE WHEN e.refunded > 0 THEN 1 ELSE 0 END)::int AS "contacts with a wrong PAYMENT_REFUNDED on the timeline",
       (SELECT count(*) FROM "DomainEvent" d WHERE d."organizationId" = $3 AND d."kind" = 'PAYMENT_RECEIVED' AND d."contactId" IN (SELECT contact_id FROM expected))::int AS "domain events",
       (SELECT count(*) FROM "Notification" n WHERE n."organizationId" = $3 AND n."kind" = 'PAYMENT_RECEIVED' AND n."url" IN (SELECT '/contacts/' || contact_id::text FROM expected))::int AS "notifications",
       (SELECT count(*) FROM "WebhookEvent" w WHERE w."provider" = 'razorpay' AND w."dedupeKey" LIKE $5)::int AS "stored",
       (SELECT count(*) FROM "WebhookEvent" w WHERE w."provider" = 'razorpay' AND w."dedupeKey" LIKE $5 AND w."error" IS NOT NULL)::int AS "events with an error",
       (SELECT count(*) FROM "WebhookEvent" w WHERE w."provider" = 'razorpay' AND w."dedupeKey" LIKE $5 AND w."processedAt" IS NULL)::int AS "events not processed"`,
    [expected, accountId, organizationId, `pay_${BENCH_ID}%`, `${accountId}:evt_${BENCH_ID}%`, warmupPayments],
  );
  const row = rows[0]!;
  const n = payments.length;
  const spent = BigInt(row.spent as string);
  const count = (name: string) => Number(row[name]);
  return {
    spent,
    expectedSpent,
    checks: {
      "payments missing": count("payments missing"),
      "payments not counted to their contact": count("payments not counted to their contact"),
      "payments with a wrong amount or refund": count("payments with a wrong amount or refund"),
      "payments beyond N": Math.abs(count("payments beyond N")),
      "contacts whose spend ≠ price − processed refund": count("contacts whose spend ≠ price − processed refund"),
      "contacts not CONVERTED": count("contacts not CONVERTED"),
      "timeline: contacts without exactly one PAYMENT_RECEIVED": count("contacts without exactly one PAYMENT_RECEIVED on the timeline"),
      "timeline: contacts with a wrong PAYMENT_REFUNDED": count("contacts with a wrong PAYMENT_REFUNDED on the timeline"),
      "PAYMENT_RECEIVED domain events − N": Math.abs(count("domain events") - n),
      "PAYMENT_RECEIVED notifications − N": Math.abs(count("notifications") - n),
      "stored events − unique events": Math.abs(count("stored") - expectedStored),
      "events left with an error": count("events with an error"),
      "events not processed": count("events not processed"),
    },
  };
}

const ms = (value: number) => Math.max(0, value);

export const paymentsWebhooks: Benchmark = {
  name: "payments-webhooks",
  description: `Signed Razorpay webhooks at ${RATE.toLocaleString("en-US")}/s for --seconds (default ${DEFAULT_SECONDS}), ${DUPLICATE_SHARE * 100}% repeats, shuffled, 5 events a payment; a worker process applies them; books checked exactly; vs raw single-row INSERTs`,
  defaultIterations: 1,
  defaultContacts: 1_000,
  removeLeftovers,
  async run(context) {
    const { log, dataset, pool } = context;
    const seconds = context.seconds ?? DEFAULT_SECONDS;
    const organizationId = dataset.main.id;
    if (!Number.isInteger(RATE) || RATE < 1) throw new Error(`PAYMENTS_BENCH_RATE must be a whole number of posts a second, got "${process.env.PAYMENTS_BENCH_RATE}"`);
    if (RATE !== TARGET_RATE) log(`PAYMENTS_BENCH_RATE=${RATE}: a diagnosis, not the issue's ${TARGET_RATE.toLocaleString("en-US")}/s`);
    const totalPosts = RATE * seconds;
    const payments = Math.floor(Math.round(totalPosts * (1 - DUPLICATE_SHARE)) / EVENTS_PER_PAYMENT);
    const uniquePosts = payments * EVENTS_PER_PAYMENT;
    const duplicatePosts = totalPosts - uniquePosts;
    const loadAverageAtStart = os.loadavg();
    log(`load average ${loadAverageAtStart.map((n) => n.toFixed(2)).join(" ")}`);

    const existing = await context.db.paymentAccount.findUnique({ where: { organizationId } });
    const { account, webhookSecret } = await createPaymentAccount(context.db, { organizationId });
    // The jobs' schema, for the cleanup should this run crash before its worker starts.
    await runMigrations({ connectionString: context.databaseUrl });

    // Child processes may be profiled: BENCH_CPU_PROF=web,worker (see cpuProfileOptions).
    const stamp = profileStamp();
    const profileOptions = (name: string) => cpuProfileOptions(name, stamp);

    let web: Awaited<ReturnType<typeof startWebProcess>> | null = null;
    let worker: ReturnType<typeof startWorkerProcess> | null = null;
    const workerStarted = new Date();
    const agent = new http.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS, maxFreeSockets: MAX_SOCKETS });
    try {
      log(`making ${payments.toLocaleString("en-US")} contacts with a payment link each (and ${WARMUP_PAYMENTS} to warm up)…`);
      const startedAt = Math.floor(Date.now() / 1000) - 86_400;
      const warm = await createPayments(context, { accountId: account.id, count: WARMUP_PAYMENTS, firstNumber: 90_000_000, startedAt });
      const measured = await createPayments(context, { accountId: account.id, count: payments, firstNumber: 1, startedAt });

      log(`signing ${uniquePosts.toLocaleString("en-US")} events, repeating ${duplicatePosts.toLocaleString("en-US")} of them, shuffling…`);
      const random = mulberry32(SEED);
      const unique = postsOf(measured, 0, webhookSecret);
      const repeats = shuffle(unique.map((_, index) => index), random).slice(0, duplicatePosts);
      const posts = shuffle([...unique, ...repeats.map((index) => unique[index]!)], random);
      const warmPosts = shuffle(postsOf(warm, 0, webhookSecret), random);
      const pathName = `/webhooks/razorpay/${account.id}`;
      const insertPayload = unique[0]!.body.toString("utf8");

      web = await startWebProcess(context.databaseUrl, log, profileOptions("web"));
      worker = startWorkerProcess(context.databaseUrl, log, { concurrency: workerConcurrency(), ...profileOptions("worker") });
      await waitForWorker(context, workerStarted);

      log(`baseline: raw single-row INSERTs of a ${insertPayload.length}-byte event (${context.poolSize} connections, 5 s), then at ${RATE.toLocaleString("en-US")}/s for 5 s…`);
      const insertBaseline = await rawInsertBaseline(context, { seconds: 5, payload: insertPayload });
      const insertsAtRate = await rawInsertsAtRate(context, { seconds: 5, ratePerSecond: RATE, payload: insertPayload });
      log(`  ${Math.round(insertBaseline.ratePerSecond)} rows/s; at ${RATE}/s p50 ${insertsAtRate.p50.toFixed(1)} ms, p99 ${insertsAtRate.p99.toFixed(1)} ms from the scheduled time`);

      log(`opening ${MAX_SOCKETS} connections; warming up: ${warmPosts.length} posts at ${WARMUP_RATE}/s, then waiting for the worker…`);
      // n requests at once take the n − 100 connections already open and open 100 more.
      for (let open = 100; open <= MAX_SOCKETS; open += 100) await openConnections(agent, web.port, pathName, open);
      const connections = Object.values(agent.freeSockets).reduce((sum, sockets) => sum + (sockets?.length ?? 0), 0);
      if (connections < MAX_SOCKETS) log(`  only ${connections} connections stayed open`);
      const warmRun = await postOnSchedule(agent, web.port, pathName, warmPosts, WARMUP_RATE);
      const warmRefused = warmRun.outcomes.filter((outcome) => outcome.status !== 200).length;
      if (warmRefused > 0) log(`  ${warmRefused} warm-up posts were not answered 200`);
      if ((await waitForDrain(context, account.id, 120_000)) === null) log("  the warm-up did not drain within 120 s");

      // A diagnosis, not the measurement: the web alone during the load (the worker only afterwards).
      const workerAfterLoad = process.env.PAYMENTS_BENCH_WORKER === "after";
      if (workerAfterLoad) {
        log("  (PAYMENTS_BENCH_WORKER=after: no worker runs during the load)");
        await stopProcess(worker);
      }
      // The worker's own priority (WORKER_NICE, the app's default unless set).
      const workerNice = workerAfterLoad || worker.pid === undefined ? null : os.getPriority(worker.pid);
      log(`posting ${totalPosts.toLocaleString("en-US")} events at ${RATE.toLocaleString("en-US")}/s (${seconds} s)…`);
      const cpuBefore = { client: process.cpuUsage(), web: processCpuSeconds(web.child.pid), worker: processCpuSeconds(worker.pid), machine: machineCpuSeconds() };
      const loop = monitorEventLoopDelay({ resolution: 5 });
      loop.enable();
      const backlog: Array<{ at: number; queuedJobs: number }> = [];
      const waits = new Map<string, number>();
      let sampling = true;
      const sampler = (async () => {
        let tick = 0;
        while (sampling) {
          if (tick++ % 4 === 0) backlog.push({ at: performance.now(), queuedJobs: (await pendingJobs(context)).queued });
          await sampleWaits(context, waits);
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      })();
      const walBefore = await walSoFar(context);
      const everyBefore = everyProcessCpuSeconds();
      const loadStarted = performance.now();
      const run = await postOnSchedule(agent, web.port, pathName, posts, RATE);
      const loadEnded = performance.now();
      loop.disable();
      sampling = false;
      await sampler;
      const cpuAfter = { client: process.cpuUsage(cpuBefore.client), web: processCpuSeconds(web.child.pid), worker: processCpuSeconds(worker.pid), machine: machineCpuSeconds() };
      const loadSeconds = (loadEnded - loadStarted) / 1000;
      const cpuUsers = cpuUsersBetween(everyBefore, everyProcessCpuSeconds(), { "bench client": process.pid, "web process": web.child.pid, "worker process": workerAfterLoad ? undefined : worker.pid });
      log(`  CPU during the load, % of one core: ${cpuUsers.slice(0, 8).map((user) => `${user.name} ${((user.seconds / loadSeconds) * 100).toFixed(0)}`).join(", ")}`);
      const walAfter = await walSoFar(context);
      const wal = { megabytes: (walAfter.bytes - walBefore.bytes) / 1024 / 1024, fullPageImages: walAfter.fullPageImages - walBefore.fullPageImages, checkpoints: walAfter.checkpoints - walBefore.checkpoints };
      const byFiveSeconds = timeline(run.outcomes, run.outcomes[0]!.scheduled, 5);
      log(`  WAL during the load: ${wal.megabytes.toFixed(0)} MB, ${wal.fullPageImages} full-page images, ${wal.checkpoints} checkpoints`);
      log(`  by 5 s of schedule: ${byFiveSeconds.map((b) => `${b.fromSecond}s ${b.answered}/${b.posts} p50 ${b.p50.toFixed(0)} p99 ${b.p99.toFixed(0)} ms`).join("; ")}`);

      const accepted = run.outcomes.filter((outcome) => outcome.status === 200);
      const refused = new Map<number, number>();
      let failed = 0;
      for (const outcome of run.outcomes) {
        if (outcome.status === 0) failed += 1;
        else if (outcome.status !== 200) refused.set(outcome.status, (refused.get(outcome.status) ?? 0) + 1);
      }
      const fromScheduled = summarize(run.outcomes.map((outcome) => ms(outcome.answered - outcome.scheduled)));
      const fromSent = summarize(run.outcomes.map((outcome) => ms(outcome.answered - (outcome.sent || outcome.fired))));
      const fireLag = summarize(run.outcomes.map((outcome) => ms(outcome.fired - outcome.scheduled)));
      const sendLag = summarize(run.outcomes.map((outcome) => ms((outcome.sent || outcome.fired) - outcome.scheduled)));
      const firstScheduled = run.outcomes[0]!.scheduled;
      const lastScheduled = run.outcomes.at(-1)!.scheduled;
      const offeredRate = (run.outcomes.length - 1) / ((lastScheduled - firstScheduled) / 1000);
      const lastAnswer = Math.max(...run.outcomes.map((outcome) => outcome.answered));
      const acceptedRate = accepted.length / ((lastAnswer - firstScheduled) / 1000);
      const clientCpuShare = (cpuAfter.client.user + cpuAfter.client.system) / 1e6 / loadSeconds;
      const cpuShare = (before: number | null, after: number | null) => (before !== null && after !== null ? (after - before) / loadSeconds : Number.NaN);
      const webCpuShare = cpuShare(cpuBefore.web, cpuAfter.web);
      const workerCpuShare = cpuShare(cpuBefore.worker, cpuAfter.worker);
      const machineBusy = cpuBefore.machine && cpuAfter.machine ? (cpuAfter.machine.busy - cpuBefore.machine.busy) / (cpuAfter.machine.total - cpuBefore.machine.total) : Number.NaN;
      const loopDelayP99 = loop.percentile(99) / 1e6;
      const clientLate = fireLag.p99 > LATE_MS || clientCpuShare > 0.9;
      log(
        `  ${accepted.length} answered 200 in ${loadSeconds.toFixed(1)} s; refused ${JSON.stringify(Object.fromEntries(refused))}; failed ${failed}; ` +
          `at most ${run.maxInFlight} in flight; client CPU ${(clientCpuShare * 100).toFixed(0)} % of a core, web ${(webCpuShare * 100).toFixed(0)} %, worker ${(workerCpuShare * 100).toFixed(0)} %, machine ${(machineBusy * 100).toFixed(0)} % busy`,
      );
      if (clientLate) {
        log(`  THE CLIENT COULD NOT KEEP THE SCHEDULE: posts fired p99 ${fireLag.p99.toFixed(1)} ms late (event loop delay p99 ${loopDelayP99.toFixed(1)} ms, CPU ${(clientCpuShare * 100).toFixed(0)} % of a core)`);
      }
      const topWaits = [...waits.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12);
      log(`  what active database sessions were doing (samples every 250 ms): ${topWaits.map(([name, n]) => `${name} ×${n}`).join("; ")}`);
      const peakJobs = Math.max(0, ...backlog.map((sample) => sample.queuedJobs));

      if (workerAfterLoad) worker = startWorkerProcess(context.databaseUrl, log, { concurrency: workerConcurrency(), ...profileOptions("worker") });
      log("waiting for the queue to drain…");
      const workerCpuAtLoadEnd = processCpuSeconds(worker.pid);
      const drainMs = await waitForDrain(context, account.id, DRAIN_TIMEOUT_MS, (sample) => backlog.push(sample));
      const drainedAt = performance.now();
      const workerCpuDrain = workerCpuAtLoadEnd !== null ? (processCpuSeconds(worker.pid) ?? Number.NaN) - workerCpuAtLoadEnd : Number.NaN;
      const jobsAfter = await pendingJobs(context);
      if (drainMs === null) log(`  not drained after ${DRAIN_TIMEOUT_MS / 1000} s (${jobsAfter.queued} jobs left)`);
      else log(`  drained ${(drainMs / 1000).toFixed(1)} s after the load ended; ${jobsAfter.failedOnce} jobs had failed at least once`);
      const appliedRate = uniquePosts / ((drainedAt - firstScheduled) / 1000);

      const books = await checkBooks(context, account.id, measured, { expectedStored: uniquePosts + WARMUP_PAYMENTS * EVENTS_PER_PAYMENT, warmupPayments: WARMUP_PAYMENTS });
      log(`  spent ${books.spent} paise over the ${payments} contacts; expected ${books.expectedSpent}`);

      const figures: Figure[] = [
        figure("offered rate", offeredRate, "/s"),
        figure("accepted webhooks", acceptedRate, "/s", insertBaseline.ratePerSecond, `raw single-row INSERTs of one event's body (${context.poolSize} connections as fast as they go; for answer times, offered at ${RATE.toLocaleString("en-US")}/s)`),
        withTarget(figure("answer p50 from scheduled", fromScheduled.p50, "ms", insertsAtRate.p50), "atMost", 200),
        withTarget(figure("answer p99 from scheduled", fromScheduled.p99, "ms", insertsAtRate.p99), "atMost", 200),
        figure("answer max from scheduled", fromScheduled.max, "ms", insertsAtRate.max),
        figure("answer p50 from sent", fromSent.p50, "ms", insertsAtRate.p50),
        figure("answer p99 from sent", fromSent.p99, "ms", insertsAtRate.p99),
        withTarget(figure("refused", [...refused.values()].reduce((sum, value) => sum + value, 0), "posts"), "atMost", 0),
        withTarget(figure("failed", failed, "posts"), "atMost", 0),
        figure("web CPU per post", (webCpuShare * loadSeconds * 1000) / totalPosts, "ms"),
        figure("worker CPU per event", ((Number.isNaN(workerCpuShare) ? 0 : workerCpuShare * loadSeconds) + workerCpuDrain) * 1000 / uniquePosts, "ms"),
        figure("client fired late p99", fireLag.p99, "ms"),
        figure("client sent late p99", sendLag.p99, "ms"),
        figure("client CPU", clientCpuShare * 100, "% core"),
        figure("web process CPU", webCpuShare * 100, "% core"),
        figure("worker CPU during load", workerCpuShare * 100, "% core"),
        figure("machine busy during load", machineBusy * 100, "%"),
        figure("WAL written during the load", wal.megabytes, "MB"),
        figure("peak queued jobs", peakJobs, "jobs"),
        figure("drain after the load", drainMs === null ? Number.NaN : drainMs / 1000, "s"),
        figure("events applied", appliedRate, "/s"),
        figure("worker CPU while draining", workerCpuDrain, "s"),
        ...Object.entries(books.checks).map(([name, value]) => withTarget(figure(name, value, "rows"), "atMost", 0)),
        withTarget(figure("|total spent − expected|", Math.abs(Number(books.spent - books.expectedSpent)), "paise"), "atMost", 0),
      ];
      return {
        figures,
        details: {
          seconds,
          rate: RATE,
          loadAverageAtStart,
          loadAverageAtEnd: os.loadavg(),
          posts: totalPosts,
          uniquePosts,
          duplicatePosts,
          payments,
          workerConcurrency: workerConcurrency(),
          workerDuringLoad: workerNice === null ? "none" : `nice ${workerNice}`,
          maxSockets: MAX_SOCKETS,
          maxInFlight: run.maxInFlight,
          queuedForSocket: run.queuedForSocket,
          clientLate,
          eventLoopDelayP99Ms: loopDelayP99,
          accepted: accepted.length,
          refused: Object.fromEntries(refused),
          failed,
          answerFromScheduled: fromScheduled,
          answerFromSent: fromSent,
          fireLag,
          sendLag,
          insertBaseline,
          insertsAtRate,
          cpu: { client: clientCpuShare, web: webCpuShare, worker: workerCpuShare, machine: machineBusy, workerDrainSeconds: workerCpuDrain },
          drainMs,
          appliedPerSecond: appliedRate,
          jobsFailedOnce: jobsAfter.failedOnce,
          activeSessionSamples: Object.fromEntries(waits),
          wal,
          bySecond: timeline(run.outcomes, run.outcomes[0]!.scheduled, 1),
          cpuUsers: cpuUsers.slice(0, 20).map((user) => ({ ...user, shareOfCore: user.seconds / loadSeconds })),
          backlog: backlog.map((sample) => ({ seconds: (sample.at - loadStarted) / 1000, queuedJobs: sample.queuedJobs })),
          books: { ...books.checks, spent: books.spent.toString(), expectedSpent: books.expectedSpent.toString() },
        },
      };
    } finally {
      agent.destroy();
      await Promise.all([web ? stopProcess(web.child) : null, worker ? stopProcess(worker) : null]);
      log("removing the contacts, links, payments, refunds, events and jobs it made…");
      await removeBenchRows(pool, { organizationId, accountId: account.id });
      if (!existing) await pool.query(`DELETE FROM "PaymentAccount" WHERE "id" = $1`, [account.id]);
      await pool.query(`DELETE FROM "WorkerHeartbeat" WHERE "startedAt" >= $1`, [workerStarted]);
      await pool.query(`VACUUM (ANALYZE) "Contact", "PaymentLink", "Payment", "Refund", "WebhookEvent", "ContactEvent", "Notification", "DomainEvent"`);
    }
  },
};
