// Inbound webhook ingest: signed Twilio inbound posts at the HTTP server (the app's own express
// stack and the real route, in a web process of its own) for a duration, while a worker process
// turns them into messages: production's layout (`npm start` with RUN_WORKER=false, `npm run worker`).
// Prints accepted posts per second, the answer time (p50/p99), the time from answer to message in
// its conversation (p95, from the message row's creation), lost and duplicated messages (counted
// after the queue drains), next to the single-row INSERT rate of the same PostgreSQL in the same run.
// Targets (issue: Performance): ≥ 1,000/s for 60 s, p99 answer ≤ 100 ms, p95 processed ≤ 2 s, 0 lost.
import { randomBytes } from "node:crypto";
import http from "node:http";
import { signSandboxTwilioWebhook } from "../../app/providers/messaging/sandbox.server";
import { createChannel } from "../../prisma/factories-conversations";
import type { Benchmark, LeftoverContext } from "../lib/benchmark";
import { cpuProfileOptions, cpuUsersBetween, everyProcessCpuSeconds, profileStamp, rawInsertBaseline, startWebProcess, startWorkerProcess, stopProcess, waitForWorker } from "../lib/ingest-harness";
import { figure, summarize, withTarget } from "../lib/measure";

const DEFAULT_SECONDS = 60;
/** Requests in flight at once (Twilio spreads its posts over many connections). */
const CONCURRENCY = 32;
/** Distinct senders: most messages come from someone who wrote before. */
const SENDERS = 5_000;
/** The worker receives the messages of jobs running at once in one transaction, so more at once means bigger batches. */
const WORKER_CONCURRENCY = 64;
const DRAIN_TIMEOUT_MS = 180_000;
/** Each run's channel is named "<this> <random>", so a run that crashed leaves one the next run finds and removes. */
const CHANNEL_PREFIX = "Bench ingest";
/** +9177… : valid Indian mobiles outside the generated dataset's +919… range. */
const SENDER_PREFIX = "+9177";

/** What the baseline inserts: about what the inbox stores for a message. */
const INSERT_PAYLOAD = JSON.stringify({ Body: "Hi, is the course still on?", From: "whatsapp:+917700000001", NumMedia: "0" });

type Sent = { sid: string; answeredAt: number; ms: number };

function senderPhone(index: number): string {
  return `${SENDER_PREFIX}${String(index).padStart(8, "0")}`;
}

function postSigned(agent: http.Agent, port: number, publicBase: string, channelId: string, params: Record<string, string>): Promise<number> {
  const pathName = `/webhooks/twilio/${channelId}/inbound`;
  const body = new URLSearchParams(params).toString();
  const signature = signSandboxTwilioWebhook(`${publicBase}${pathName}`, params);
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        agent,
        host: "127.0.0.1",
        port,
        path: pathName,
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Length": Buffer.byteLength(body), "X-Twilio-Signature": signature },
      },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

/** A run's channel (and its conversations, messages, events) and the contacts its senders became. Answers how many contacts. */
async function removeIngestRows(pool: LeftoverContext["pool"], { organizationId, channelIds }: { organizationId: string; channelIds: string[] }): Promise<number> {
  const { rowCount } = await pool.query(
    `DELETE FROM "Contact" WHERE "organizationId" = $1 AND "id" IN (SELECT "contactId" FROM "Conversation" WHERE "channelId" = ANY($2::uuid[])) AND "phone" LIKE '${SENDER_PREFIX}%'`,
    [organizationId, channelIds],
  );
  await pool.query(`DELETE FROM "WebhookEvent" WHERE "channelId" = ANY($1::uuid[])`, [channelIds]);
  await pool.query(`DELETE FROM "Channel" WHERE "id" = ANY($1::uuid[])`, [channelIds]);
  return rowCount ?? 0;
}

/** The channels (named CHANNEL_PREFIX …) of runs that crashed, with what they made. */
async function removeLeftovers({ pool, dataset }: LeftoverContext): Promise<string | null> {
  const organizationId = dataset.main.id;
  const { rows } = await pool.query<{ id: string }>(`SELECT "id" FROM "Channel" WHERE "organizationId" = $1 AND "name" LIKE '${CHANNEL_PREFIX} %'`, [organizationId]);
  if (rows.length === 0) return null;
  const contacts = await removeIngestRows(pool, { organizationId, channelIds: rows.map((row) => row.id) });
  return `${rows.length} channels, ${contacts} contacts`;
}

export const messagesIngest: Benchmark = {
  name: "messages-ingest",
  description: `Signed Twilio inbound webhooks at the HTTP server for --seconds (default ${DEFAULT_SECONDS}), ${CONCURRENCY} in flight, a worker process turning them into messages; vs raw single-row INSERTs`,
  defaultIterations: 1,
  defaultContacts: 1_000,
  removeLeftovers,
  async run(context) {
    const { log, dataset } = context;
    const seconds = context.seconds ?? DEFAULT_SECONDS;
    const organizationId = dataset.main.id;
    const channel = await createChannel(context.db, { organizationId, kind: "WHATSAPP", name: `${CHANNEL_PREFIX} ${randomBytes(3).toString("hex")}` });

    // Child processes may be profiled: BENCH_CPU_PROF=web,worker (see cpuProfileOptions).
    const stamp = profileStamp();
    const web = await startWebProcess(context.databaseUrl, log, cpuProfileOptions("web", stamp));
    const port = web.port;
    const publicBase = (process.env.APP_URL ?? `http://127.0.0.1:${port}`).replace(/\/$/, "");
    const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const workerStarted = new Date();
    const worker = startWorkerProcess(context.databaseUrl, log, { concurrency: WORKER_CONCURRENCY, ...cpuProfileOptions("worker", stamp) });

    try {
      log(`raw single-row INSERT rate (${context.poolSize} connections, 5 s)…`);
      const insertRate = (await rawInsertBaseline(context, { seconds: 5, payload: INSERT_PAYLOAD })).ratePerSecond;
      log(`  ${Math.round(insertRate)} rows/s`);
      await waitForWorker(context, workerStarted);

      // Warm up the route, the signature check and the connections (not counted).
      for (let i = 0; i < 50; i += 1) {
        await postSigned(agent, port, publicBase, channel.id, { MessageSid: `SM${randomBytes(16).toString("hex")}`, From: `whatsapp:${senderPhone(i)}`, Body: "warm-up", NumMedia: "0" });
      }

      log(`posting for ${seconds} s with ${CONCURRENCY} in flight…`);
      const sent: Sent[] = [];
      const refused = new Map<number, number>();
      let failed = 0;
      const cpuBefore = everyProcessCpuSeconds();
      const started = performance.now();
      const until = started + seconds * 1000;
      let counter = 0;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (performance.now() < until) {
            const sid = `SM${randomBytes(16).toString("hex")}`;
            const sender = counter++ % SENDERS;
            const params = { MessageSid: sid, AccountSid: "AC00000000000000000000000000000000", From: `whatsapp:${senderPhone(sender)}`, To: "whatsapp:+14155238886", Body: `Message ${counter} about the Nifty course`, NumMedia: "0", ProfileName: `Bench sender ${sender}` };
            const t0 = performance.now();
            try {
              const status = await postSigned(agent, port, publicBase, channel.id, params);
              const ms = performance.now() - t0;
              if (status === 200) sent.push({ sid, answeredAt: Date.now(), ms });
              else refused.set(status, (refused.get(status) ?? 0) + 1);
            } catch {
              failed += 1;
            }
          }
        }),
      );
      const elapsed = (performance.now() - started) / 1000;
      // Who used the two cores during the load: client, web, worker, PostgreSQL's backends.
      const cpuUsers = cpuUsersBetween(cpuBefore, everyProcessCpuSeconds(), { "bench client": process.pid, "web process": web.child.pid, "worker process": worker.pid });
      log(`  CPU during the load, % of one core: ${cpuUsers.slice(0, 6).map((user) => `${user.name} ${((user.seconds / elapsed) * 100).toFixed(0)}`).join(", ")}`);
      const cpuOf = (name: string) => cpuUsers.find((user) => user.name === name)?.seconds ?? Number.NaN;
      log(`  ${sent.length} accepted in ${elapsed.toFixed(1)} s; refused ${JSON.stringify(Object.fromEntries(refused))}; failed ${failed}`);

      log("waiting for the queue to drain…");
      const drainStarted = Date.now();
      let stored = 0;
      while (Date.now() - drainStarted < DRAIN_TIMEOUT_MS) {
        const { rows } = await context.pool.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM "WebhookEvent" WHERE "channelId" = $1 AND "processedAt" IS NULL`,
          [channel.id],
        );
        if (rows[0]!.n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      const { rows: messages } = await context.pool.query<{ sid: string; createdAt: Date }>(
        `SELECT "providerMessageId" AS sid, "createdAt" FROM "Message" WHERE "channelId" = $1 AND body <> 'warm-up'`,
        [channel.id],
      );
      stored = messages.length;
      const createdAt = new Map<string, number>();
      let duplicated = 0;
      for (const message of messages) {
        if (createdAt.has(message.sid)) duplicated += 1;
        createdAt.set(message.sid, message.createdAt.getTime());
      }
      const processing: number[] = [];
      let lost = 0;
      for (const item of sent) {
        const at = createdAt.get(item.sid);
        if (at === undefined) lost += 1;
        else processing.push(Math.max(0, at - item.answeredAt));
      }
      const answer = summarize(sent.map((item) => item.ms));
      const processed = summarize(processing);
      const rate = sent.length / elapsed;
      log(`  ${stored} messages stored; drained ${((Date.now() - drainStarted) / 1000).toFixed(1)} s after the load ended`);

      return {
        figures: [
          withTarget(figure("accepted webhooks", rate, "/s", insertRate, "raw single-row INSERT"), "atLeast", 1_000),
          withTarget(figure("answer p50", answer.p50, "ms"), "atMost", 100),
          withTarget(figure("answer p99", answer.p99, "ms"), "atMost", 100),
          withTarget(figure("answer → message p95", processed.p95, "ms"), "atMost", 2_000),
          figure("answer → message p50", processed.p50, "ms"),
          figure("web CPU per post", (cpuOf("web process") * 1000) / sent.length, "ms"),
          figure("worker CPU per post (during the load)", (cpuOf("worker process") * 1000) / sent.length, "ms"),
          figure("client CPU per post", (cpuOf("bench client") * 1000) / sent.length, "ms"),
          withTarget(figure("lost", lost, "messages"), "atMost", 0),
          withTarget(figure("duplicated", duplicated, "messages"), "atMost", 0),
        ],
        details: {
          seconds,
          elapsedSeconds: elapsed,
          concurrency: CONCURRENCY,
          workerConcurrency: WORKER_CONCURRENCY,
          senders: SENDERS,
          accepted: sent.length,
          refused: Object.fromEntries(refused),
          failed,
          stored,
          insertRatePerSecond: insertRate,
          answer,
          processed,
          cpuUsers: cpuUsers.slice(0, 20).map((user) => ({ ...user, shareOfCore: user.seconds / elapsed })),
        },
      };
    } finally {
      agent.destroy();
      await Promise.all([stopProcess(web.child), stopProcess(worker)]);
      log("removing the channel, its conversations, messages, events and the contacts it created…");
      await removeIngestRows(context.pool, { organizationId, channelIds: [channel.id] });
      await context.pool.query(`DELETE FROM "WorkerHeartbeat" WHERE "startedAt" >= $1`, [workerStarted]);
    }
  },
};
