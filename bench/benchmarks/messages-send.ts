// Outbound sends through the sandbox with a real worker process: 10,000 queued messages spread over
// 2,000 conversations drain with the per-sender rate limit off (target ≥ 500 sends/s), then a backlog
// drains with the limit on at 50/s, measured over 10 s (target within ±10 %). Baseline: the raw rate of
// updating 10,000 message rows one statement at a time over the same pool size.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runMigrations } from "graphile-worker";
import type { Benchmark, BenchContext } from "../lib/benchmark";
import { figure, withTarget, type Figure } from "../lib/measure";

const MESSAGES = 10_000;
const CONVERSATIONS = 2_000;
const LIMITED_RATE = 50;
const LIMITED_WINDOW_S = 10;
const WORKER_CONCURRENCY = 64;
const WORKER_SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), "../lib/messages-send-worker.ts");

async function startWorkerProcess(context: BenchContext, rateLimit: "on" | "off"): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", WORKER_SCRIPT], {
    env: {
      ...process.env,
      DATABASE_URL: context.databaseUrl,
      NODE_ENV: "development",
      MESSAGE_SEND_RATE_LIMIT: rateLimit,
      WORKER_CONCURRENCY: String(WORKER_CONCURRENCY),
      DATABASE_POOL_SIZE: String(WORKER_CONCURRENCY + 4),
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the worker exited with ${code} before it was ready`)));
    child.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("ready")) resolve();
    });
  });
  return child;
}

/** Stops the worker; answers how many send jobs it ran (null when it had exited already). */
async function stopWorkerProcess(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return null;
  let runs: number | null = null;
  child.stdout!.on("data", (chunk: Buffer) => {
    const match = /send runs (\d+)/.exec(chunk.toString());
    if (match) runs = Number(match[1]);
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
  return runs;
}

/** Writes `count` queued messages round-robin over the conversations, each with its send job, in SQL. */
async function queueMessages(context: BenchContext, organizationId: string, channelId: string, count: number, label: string) {
  for (let offset = 0; offset < count; offset += 1_000) {
    const size = Math.min(1_000, count - offset);
    await context.pool.query(
      `WITH c AS (
         SELECT id, "contactId", row_number() OVER (ORDER BY id) - 1 AS n FROM "Conversation" WHERE "channelId" = $2
       ), m AS (
         INSERT INTO "Message" ("organizationId", "conversationId", "contactId", "channelId", direction, kind, status, body, "createdAt", "updatedAt")
         SELECT $1::uuid, c.id, c."contactId", $2::uuid, 'OUTBOUND', 'TEXT', 'QUEUED', $3 || ' ' || (g + $4), clock_timestamp() + (g * interval '1 millisecond'), now()
           FROM generate_series(0, $5 - 1) g JOIN c ON c.n = (g + $4) % $6
         RETURNING id, "conversationId"
       )
       SELECT count(graphile_worker.add_job('messages_send', json_build_object('organizationId', $1::text, 'messageId', m.id::text),
                queue_name => 'conversation:' || m."conversationId", job_key => 'messages_send:' || m.id, max_attempts => 10)) FROM m`,
      [organizationId, channelId, label, offset, size, CONVERSATIONS],
    );
  }
}

async function countAccepted(context: BenchContext, channelId: string, label: string): Promise<number> {
  const { rows } = await context.pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "Message" WHERE "channelId" = $1 AND "providerMessageId" IS NOT NULL AND body LIKE $2`,
    [channelId, `${label} %`],
  );
  return rows[0]!.n;
}

async function removeLeftoverJobs(context: BenchContext) {
  await context.pool.query(
    `DELETE FROM graphile_worker._private_jobs WHERE task_id IN (SELECT id FROM graphile_worker._private_tasks WHERE identifier IN ('messages_send', 'messages_sandbox_status'))`,
  );
}

async function baselineRowUpdates(context: BenchContext, channelId: string): Promise<number> {
  const { rows } = await context.pool.query<{ id: string }>(`SELECT id FROM "Message" WHERE "channelId" = $1 LIMIT $2`, [channelId, MESSAGES]);
  const ids = rows.map((row) => row.id);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: context.poolSize }, async () => {
      while (next < ids.length) {
        const id = ids[next++]!;
        await context.pool.query(`UPDATE "Message" SET "updatedAt" = now() WHERE id = $1`, [id]);
      }
    }),
  );
  return ids.length / ((performance.now() - started) / 1000);
}

export const messagesSend: Benchmark = {
  name: "messages-send",
  description: `${MESSAGES.toLocaleString("en-US")} queued sandbox sends over ${CONVERSATIONS.toLocaleString("en-US")} conversations drained by a worker process (rate limit off), then ${LIMITED_RATE}/s with it on, vs raw single-row message updates`,
  defaultIterations: 1,
  defaultContacts: 10_000,
  async run(context) {
    const { log, dataset } = context;
    const organizationId = dataset.main.id;
    // The job queue's own schema, as a worker would install it on start.
    await runMigrations({ pgPool: context.pool });
    await removeLeftoverJobs(context);
    await context.pool.query(`DELETE FROM "Channel" WHERE "organizationId" = $1 AND name LIKE 'bench messages-send%'`, [organizationId]);
    const {
      rows: [channel],
    } = await context.pool.query<{ id: string; address: string }>(
      `INSERT INTO "Channel" ("organizationId", kind, provider, name, address, "updatedAt")
       VALUES ($1, 'WHATSAPP', 'SANDBOX', 'bench messages-send', '+14155230000', now()) RETURNING id, address`,
      [organizationId],
    );
    const channelId = channel!.id;
    const children: ChildProcess[] = [];
    try {
      const { rowCount } = await context.pool.query(
        `INSERT INTO "Conversation" ("organizationId", "contactId", "channelId", "lastInboundAt", "updatedAt")
         SELECT $1, id, $2, now(), now() FROM "Contact" WHERE "organizationId" = $1 AND phone IS NOT NULL AND phone NOT LIKE '%0000' ORDER BY id LIMIT $3`,
        [organizationId, channelId, CONVERSATIONS],
      );
      if (rowCount !== CONVERSATIONS) throw new Error(`needed ${CONVERSATIONS} contacts with a phone, found ${rowCount}`);

      log(`baseline: updating ${MESSAGES.toLocaleString("en-US")} message rows one statement at a time, ${context.poolSize} at once`);
      await queueMessages(context, organizationId, channelId, MESSAGES, "baseline");
      await removeLeftoverJobs(context);
      const baselineRate = await baselineRowUpdates(context, channelId);
      await context.pool.query(`DELETE FROM "Message" WHERE "channelId" = $1`, [channelId]);

      log(`rate limit off: queueing ${MESSAGES.toLocaleString("en-US")} sends, then a worker process (concurrency ${WORKER_CONCURRENCY}) drains them`);
      await queueMessages(context, organizationId, channelId, MESSAGES, "unlimited");
      const unlimitedWorker = await startWorkerProcess(context, "off");
      children.push(unlimitedWorker);
      const started = performance.now();
      let accepted = 0;
      while (accepted < MESSAGES) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        accepted = await countAccepted(context, channelId, "unlimited");
        if (performance.now() - started > 300_000) throw new Error(`only ${accepted} of ${MESSAGES} sent after 5 minutes`);
      }
      const drainSeconds = (performance.now() - started) / 1000;
      const unlimitedRate = MESSAGES / drainSeconds;
      await stopWorkerProcess(unlimitedWorker);
      const { rows: outboxRows } = await context.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "SandboxOutbox" WHERE "organizationId" = $1 AND "fromAddress" = $2 AND body LIKE 'unlimited %'`,
        [organizationId, channel!.address],
      );
      const duplicates = outboxRows[0]!.n - MESSAGES;
      await removeLeftoverJobs(context);

      log(`rate limit on at ${LIMITED_RATE}/s: a backlog of ${LIMITED_RATE * LIMITED_WINDOW_S * 2} sends, measured over ${LIMITED_WINDOW_S} s`);
      await context.pool.query(`UPDATE "Channel" SET "ratePerSecond" = $2 WHERE id = $1`, [channelId, LIMITED_RATE]);
      await context.pool.query(`DELETE FROM rate_limit WHERE key LIKE 'message\\_send\\_%' AND key LIKE $1`, [`%${channelId}`]);
      await queueMessages(context, organizationId, channelId, LIMITED_RATE * LIMITED_WINDOW_S * 2, "limited");
      const limitedWorker = await startWorkerProcess(context, "on");
      children.push(limitedWorker);
      // Let the first second pass (the limiter's first window starts with the first send), then count over the window.
      while ((await countAccepted(context, channelId, "limited")) === 0) await new Promise((resolve) => setTimeout(resolve, 50));
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const before = await countAccepted(context, channelId, "limited");
      const windowStarted = performance.now();
      await new Promise((resolve) => setTimeout(resolve, LIMITED_WINDOW_S * 1_000));
      const after = await countAccepted(context, channelId, "limited");
      const limitedRate = (after - before) / ((performance.now() - windowStarted) / 1000);
      // Then the rest of the backlog, so that every send's runs are counted.
      const limitedBacklog = LIMITED_RATE * LIMITED_WINDOW_S * 2;
      const drainDeadline = performance.now() + 60_000;
      while ((await countAccepted(context, channelId, "limited")) < limitedBacklog && performance.now() < drainDeadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const limitedRuns = await stopWorkerProcess(limitedWorker);
      const limitedSent = await countAccepted(context, channelId, "limited");

      const baselineLabel = "raw single-row UPDATE of a message, same pool size";
      const figures: Figure[] = [
        figure("raw message row updates", baselineRate, "rows/s", baselineRate, baselineLabel),
        withTarget(figure("sandbox sends, rate limit off", unlimitedRate, "sends/s", baselineRate, baselineLabel), "atLeast", 500),
        figure("  time to drain 10,000 sends", drainSeconds, "s"),
        figure("  outbox rows beyond one per message (duplicates)", duplicates, "rows"),
        withTarget(figure(`sandbox sends, limit on at ${LIMITED_RATE}/s`, limitedRate, "sends/s"), "atLeast", LIMITED_RATE * 0.9),
        withTarget(figure(`  same, against ${LIMITED_RATE}/s + 10 %`, limitedRate, "sends/s"), "atMost", LIMITED_RATE * 1.1),
        // Each run beyond one per send is a send refused a slot that came back later.
        // Every send of the backlog but the first window's is refused once at least: about 1.95 at best.
        figure(`  send job runs per message, whole backlog of ${LIMITED_RATE * LIMITED_WINDOW_S * 2}`, limitedRuns === null || limitedSent === 0 ? Number.NaN : limitedRuns / limitedSent, "runs"),
      ];
      return {
        figures,
        details: { messages: MESSAGES, conversations: CONVERSATIONS, workerConcurrency: WORKER_CONCURRENCY, drainSeconds, limited: { rate: LIMITED_RATE, before, after, runs: limitedRuns, sent: limitedSent } },
      };
    } finally {
      for (const child of children) await stopWorkerProcess(child);
      await removeLeftoverJobs(context);
      await context.pool.query(`DELETE FROM "SandboxOutbox" WHERE "organizationId" = $1 AND "fromAddress" = $2`, [organizationId, channel!.address]);
      await context.pool.query(`DELETE FROM "Channel" WHERE id = $1`, [channelId]);
    }
  },
};
