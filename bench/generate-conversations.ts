// Generates the inbox's data on top of the contacts: per organization four channels (two WhatsApp
// numbers, SMS, email), `conversations` conversations over its contacts and about `messages`
// messages over them, one conversation (row 0 of the main organization) holding `BIG_CONVERSATION`
// of them. Set-based, inside PostgreSQL (INSERT … SELECT FROM generate_series), no rows over the wire.
//
// Conversation row i is computed from hashes of i alone: its id is md5(org, i), so the messages'
// statements find their conversation by primary key and recompute the same message count, spacing
// and direction pattern. That keeps the conversation's counters exactly those of its messages:
//   - message k (0 = newest) is at lastMessageAt − k × gap;
//   - it is OUTBOUND when (k + phase) % 3 = 0, else INBOUND, so the last direction, the newest inbound
//     message (lastInboundAt) and the inbound run since the last reply (unreadCount) have closed forms;
//   - the preview is message 0's body.
import { createHash } from "node:crypto";
import type pg from "pg";
import type { ConversationStatus } from "../app/generated/prisma/enums";

/** Messages in the one long conversation the chat benchmark opens. */
export const BIG_CONVERSATION = 10_000;
/** Share of conversations on a contact's first channel (the rest: a second channel of a contact). */
const FIRST_CONVERSATION_SHARE = 0.87;
const UNASSIGNED_SHARE = 0.2;
const UNREAD_SHARE = 0.35;
const MESSAGE_CHUNK_CONVERSATIONS = 10_000;

const STATUS_WEIGHTS: Record<ConversationStatus, number> = { OPEN: 0.4, PENDING: 0.15, RESOLVED: 0.35, SNOOZED: 0.1 };
const STATUS_ORDER: ConversationStatus[] = ["OPEN", "PENDING", "RESOLVED", "SNOOZED"];

export const BENCH_CHANNELS = [
  { kind: "WHATSAPP", name: "WhatsApp Sales", address: "+919800000001", share: 0.55 },
  { kind: "WHATSAPP", name: "WhatsApp Support", address: "+919800000002", share: 0.15 },
  { kind: "SMS", name: "SMS Alerts", address: "+919800000003", share: 0.15 },
  { kind: "EMAIL", name: "Email", address: "desk@bench.leadlane.in", share: 0.15 },
] as const;

const INBOUND_BODIES = [
  "Hi, is the Nifty course still available?", "What is the price for BankNifty Scalper Pro?", "Please call me back",
  "Kal demo ho sakta hai?", "I paid but did not get the link", "Can I pay in EMI?", "ok", "Thanks 🙏",
  "Kitne din ka access milega?", "Send me the brochure please", "Is there a Hindi batch?", "Stop", "Discount milega?",
  "I want to renew my subscription", "Webinar ka recording bhejo", "When does the next batch start?",
];
const OUTBOUND_BODIES = [
  "Hello! Thanks for writing to us. How can I help?", "The price is ₹7,999 including GST.", "Sure, I will call you at 5 pm.",
  "Here is the payment link: https://pay.example.in/abc", "Yes, EMI is available on all cards.", "Your access is active now ✅",
  "The next batch starts on Monday.", "Please share your registered email.", "Sending the brochure now.",
  "Hindi batch every Saturday 7 pm.", "Is there anything else I can help with?", "Recording link sent on email.",
];

export type ConversationPlan = {
  organizationId: string;
  orgIndex: number;
  contacts: number;
  conversations: number;
  messages: number;
  /** Agents and managers, most conversations going to the first ones. */
  assigneeIds: string[];
  /** Whether row 0 is the long conversation. */
  withBigConversation: boolean;
};

/** Bump when the inbox data changes shape: a stored dataset of another version gets new inbox data. */
export const INBOX_GENERATOR_VERSION = 2;

/** The id generated for conversation row `i` of an organization: md5 of both, as a version-4 UUID (what z.uuid() accepts). */
export function benchConversationId(organizationId: string, i: number): string {
  const hex = createHash("md5").update(`bench-conversation:${organizationId}:${i}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20)}`;
}

/** benchConversationId in SQL. */
function conversationIdSql(i: string): string {
  const hex = `md5('bench-conversation:' || $1::text || ':' || ${i})`;
  return `(substr(${hex}, 1, 12) || '4' || substr(${hex}, 14, 3) || '8' || substr(${hex}, 18, 15))::uuid`;
}

function uniform(expression: string, seed: number): string {
  return `((hashint8extended(${expression}, ${seed}) & 2147483647)::float8 / 2147483648.0)`;
}

/**
 * The per-conversation values both statements share, for rows [$5, $6) ($1 organization, $2 now,
 * $3 average messages of the ordinary conversations, $4 size of row 0 (0: no long conversation)).
 */
function conversationShapeSql(salt: number): string {
  let cumulative = 0;
  const branches = STATUS_ORDER.slice(0, -1).map((status) => {
    cumulative += STATUS_WEIGHTS[status];
    return `WHEN r_status < ${cumulative.toFixed(4)} THEN '${status}'`;
  });
  const statusCase = `CASE ${branches.join(" ")} ELSE '${STATUS_ORDER.at(-1)}' END`;
  return `
  SELECT g.i,
    ${conversationIdSql("g.i")} AS id,
    CASE WHEN g.i = 0 AND $4::int > 0 THEN $4::int ELSE 1 + floor(${uniform("g.i", salt + 1)} * (2 * $3::float8 - 1))::int END AS n,
    CASE WHEN g.i = 0 AND $4::int > 0 THEN 300 ELSE 60 + floor(power(${uniform("g.i", salt + 2)}, 2) * 86400)::int END AS gap,
    date_trunc('milliseconds', CASE WHEN g.i = 0 AND $4::int > 0 THEN $2::timestamptz - interval '10 minutes'
      ELSE $2::timestamptz - make_interval(secs => 7776000 * power(${uniform("g.i", salt + 3)}, 2)) END) AS last_at,
    floor(${uniform("g.i", salt + 4)} * 3)::int AS phase,
    (${statusCase})::"ConversationStatus" AS status,
    ${uniform("g.i", salt + 6)} AS r_snooze,
    ${uniform("g.i", salt + 7)} AS r_unread,
    ${uniform("g.i", salt + 8)} AS r_assignee
  FROM (SELECT g.i, ${uniform("g.i", salt + 5)} AS r_status FROM generate_series($5::bigint, $6::bigint - 1) AS g(i)) g`;
}

function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** Message k's body; the same expression gives the conversation's preview (k = 0). */
function bodySql(i: string, k: string, inbound: string): string {
  const pick = `(hashint8extended(${i} * 100003 + ${k}, 77) & 2147483647)`;
  return `CASE WHEN ${inbound}
    THEN (ARRAY[${INBOUND_BODIES.map(literal).join(", ")}])[1 + ${pick} % ${INBOUND_BODIES.length}]
    ELSE (ARRAY[${OUTBOUND_BODIES.map(literal).join(", ")}])[1 + ${pick} % ${OUTBOUND_BODIES.length}] END`;
}

/** A contact's first channel (0-based), by its row. */
function channelPickSql(salt: number): string {
  let cumulative = 0;
  const branches = BENCH_CHANNELS.slice(0, -1).map((channel, n) => {
    cumulative += channel.share;
    return `WHEN ${uniform("contact_rn", salt + 20)} < ${cumulative.toFixed(4)} THEN ${n}`;
  });
  return `CASE ${branches.join(" ")} ELSE ${BENCH_CHANNELS.length - 1} END`;
}

/**
 * Conversations: $7 channel ids, $8 assignee ids, $9 contacts with a conversation (rows at or past
 * $9 are a second conversation of contact i − $9, on another channel).
 */
function conversationsSql(salt: number): string {
  const channels = BENCH_CHANNELS.length;
  return `
WITH shape AS (${conversationShapeSql(salt)} OFFSET 0),
placed AS (
  SELECT shape.*, CASE WHEN i < $9::bigint THEN i ELSE i - $9::bigint END AS contact_rn FROM shape OFFSET 0
),
picked AS (
  SELECT placed.*,
    CASE WHEN i < $9::bigint THEN ${channelPickSql(salt)}
      ELSE (${channelPickSql(salt)} + 1 + floor(${uniform("i", salt + 21)} * ${channels - 1})::int) % ${channels} END AS channel_n
  FROM placed OFFSET 0
),
contacts AS (
  SELECT c.id, row_number() OVER (ORDER BY c.id) - 1 AS rn FROM "Contact" c WHERE c."organizationId" = $1::uuid
)
INSERT INTO "Conversation" (id, "organizationId", "contactId", "channelId", "assigneeId", status, "snoozedUntil",
  "lastMessageAt", "lastMessagePreview", "lastMessageDirection", "lastInboundAt", "unreadCount", "createdAt", "updatedAt")
SELECT p.id, $1::uuid, ct.id, ($7::uuid[])[1 + p.channel_n],
  CASE WHEN p.r_assignee < ${UNASSIGNED_SHARE} OR cardinality($8::uuid[]) = 0 THEN NULL
    ELSE ($8::uuid[])[1 + floor(cardinality($8::uuid[]) * power((p.r_assignee - ${UNASSIGNED_SHARE}) / ${1 - UNASSIGNED_SHARE}, 1.3))::int] END,
  p.status,
  CASE WHEN p.status = 'SNOOZED' THEN date_trunc('milliseconds', CASE WHEN p.r_snooze < 0.5
    THEN $2::timestamptz - make_interval(secs => 259200 * p.r_snooze) ELSE $2::timestamptz + make_interval(secs => 604800 * p.r_snooze) END) END,
  p.last_at,
  left(${bodySql("p.i", "0", "p.phase <> 0")}, 200),
  (CASE WHEN p.phase = 0 THEN 'OUTBOUND' ELSE 'INBOUND' END)::"MessageDirection",
  CASE WHEN p.phase <> 0 THEN p.last_at WHEN p.n > 1 THEN p.last_at - make_interval(secs => p.gap) END,
  CASE WHEN p.r_unread < ${UNREAD_SHARE} AND p.status <> 'RESOLVED' THEN least(p.n, CASE p.phase WHEN 1 THEN 2 WHEN 2 THEN 1 ELSE 0 END) ELSE 0 END,
  p.last_at - make_interval(secs => (p.n - 1) * p.gap),
  p.last_at
FROM picked p JOIN contacts ct ON ct.rn = p.contact_rn`;
}

/** Messages of conversation rows [$5, $6). */
function messagesSql(salt: number): string {
  return `
WITH shape AS (${conversationShapeSql(salt)} OFFSET 0),
conv AS (
  SELECT s.i, s.n, s.gap, s.phase, c.id, c."contactId", c."channelId", c."assigneeId", c."lastMessageAt"
  FROM shape s JOIN "Conversation" c ON c.id = s.id OFFSET 0
),
numbered AS (
  SELECT conv.*, k, (k + conv.phase) % 3 <> 0 AS inbound, conv."lastMessageAt" - make_interval(secs => k * conv.gap) AS at,
    (hashint8extended(conv.i * 100003 + k, 78) & 1023) AS r
  FROM conv CROSS JOIN LATERAL generate_series(0, conv.n - 1) AS k
  OFFSET 0
), statused AS (
  SELECT numbered.*, CASE WHEN inbound THEN 'RECEIVED' WHEN r < 30 THEN 'FAILED' WHEN k < 2 AND r < 500 THEN 'DELIVERED'
    WHEN r < 80 THEN 'SENT' ELSE 'READ' END AS st
  FROM numbered
)
INSERT INTO "Message" ("organizationId", "conversationId", "contactId", "channelId", direction, kind, status, body,
  "authorId", "errorCode", "errorMessage", "sentAt", "deliveredAt", "readAt", "failedAt", "createdAt", "updatedAt")
SELECT $1::uuid, id, "contactId", "channelId",
  (CASE WHEN inbound THEN 'INBOUND' ELSE 'OUTBOUND' END)::"MessageDirection", 'TEXT', st::"MessageStatus",
  ${bodySql("i", "k", "inbound")},
  CASE WHEN NOT inbound THEN "assigneeId" END,
  CASE WHEN st = 'FAILED' THEN '63016' END,
  CASE WHEN st = 'FAILED' THEN 'Failed to send freeform message because you are outside the allowed window.' END,
  CASE WHEN NOT inbound AND st <> 'FAILED' THEN at END,
  CASE WHEN st IN ('DELIVERED', 'READ') THEN at + interval '2 seconds' END,
  CASE WHEN st = 'READ' THEN at + interval '1 minute' END,
  CASE WHEN st = 'FAILED' THEN at + interval '1 second' END,
  at, at
FROM statused`;
}

export type ConversationTimings = { channelsMs: number; conversationsMs: number; messagesMs: number };

export async function insertConversations(
  pool: pg.Pool,
  plans: ConversationPlan[],
  options: { now: Date; connections: number; log: (line: string) => void; prepare?: (client: pg.PoolClient) => Promise<void> },
): Promise<ConversationTimings> {
  const { now, log } = options;
  const started = performance.now();
  const channelIds = new Map<string, string[]>();
  for (const plan of plans) {
    const ids: string[] = [];
    for (const channel of BENCH_CHANNELS) {
      const { rows } = await pool.query<{ id: string }>(
        `INSERT INTO "Channel" ("organizationId", kind, provider, name, address, "updatedAt")
         VALUES ($1, $2::"ChannelKind", $3::"ChannelProvider", $4, $5, now()) RETURNING id`,
        [plan.organizationId, channel.kind, channel.kind === "EMAIL" ? "SMTP" : "SANDBOX", channel.name, channel.address],
      );
      ids.push(rows[0]!.id);
    }
    channelIds.set(plan.organizationId, ids);
  }
  const channelsMs = performance.now() - started;

  const values = (plan: ConversationPlan, from: number, to: number) => {
    const big = plan.withBigConversation && plan.conversations > 1 ? Math.min(BIG_CONVERSATION, Math.floor(plan.messages / 4)) : 0;
    const ordinary = Math.max(1, plan.conversations - (big ? 1 : 0));
    const average = Math.max(1, (plan.messages - big) / ordinary);
    return [plan.organizationId, now, average, big, from, to];
  };
  const work = async (jobs: Array<() => Promise<void>>) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(options.connections, jobs.length) }, async () => {
        while (next < jobs.length) await jobs[next++]!();
      }),
    );
  };
  const withClient = async (sql: string, values: unknown[]) => {
    const client = await pool.connect();
    try {
      await options.prepare?.(client);
      await client.query(sql, values);
    } finally {
      await client.query("RESET session_replication_role").catch(() => {});
      client.release();
    }
  };

  const conversationsStarted = performance.now();
  await work(
    plans.map((plan) => async () => {
      const firsts = Math.min(plan.contacts, Math.ceil(plan.conversations * FIRST_CONVERSATION_SHARE));
      if (plan.conversations > 2 * firsts) {
        throw new Error(`${plan.conversations} conversations need at least ${Math.ceil(plan.conversations / 2)} contacts`);
      }
      await withClient(conversationsSql(3000 + plan.orgIndex * 50), [
        ...values(plan, 0, plan.conversations),
        channelIds.get(plan.organizationId),
        plan.assigneeIds,
        firsts,
      ]);
    }),
  );
  const conversationsMs = performance.now() - conversationsStarted;
  log(`  conversations: ${plans.reduce((sum, plan) => sum + plan.conversations, 0).toLocaleString("en-US")} in ${(conversationsMs / 1000).toFixed(1)} s`);

  const messagesStarted = performance.now();
  const chunks: Array<() => Promise<void>> = [];
  for (const plan of plans) {
    for (let from = 0; from < plan.conversations; from += MESSAGE_CHUNK_CONVERSATIONS) {
      const to = Math.min(plan.conversations, from + MESSAGE_CHUNK_CONVERSATIONS);
      chunks.push(() => withClient(messagesSql(3000 + plan.orgIndex * 50), values(plan, from, to)));
    }
  }
  let done = 0;
  await work(
    chunks.map((chunk) => async () => {
      await chunk();
      done++;
      if (done % 5 === 0 || done === chunks.length) log(`  messages: ${done}/${chunks.length} chunks, ${((performance.now() - messagesStarted) / 1000).toFixed(1)} s`);
    }),
  );
  return { channelsMs, conversationsMs, messagesMs: performance.now() - messagesStarted };
}
