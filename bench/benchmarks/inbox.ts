// Issue 9, "Performance": with 1,000,000 contacts, 5,000,000 messages and 200,000 conversations in one
// organization, the inbox's first page and any later page p95 ≤ 50 ms, a 10,000-message
// conversation's first page p95 ≤ 50 ms, unread counts p95 ≤ 20 ms.
//
// Through the real procedures (createCaller over the app's root router) with real member contexts:
// `inbox.list` for an agent's Mine and All views and a manager's All view, filtered by channel kind,
// status and label; pages deep in the keyset (the cursor followed 50 pages down, and a cursor from the
// middle of the range); `conversation.messages` (the chat's keyset page) for the long conversation,
// newest page and an older one; `inbox.counts` for both members.
// Baseline, in the same run and interleaved with every case: one conversation by primary key in plain pg.
import type { BenchContext, Benchmark } from "../lib/benchmark";
import { mainOrganizationMember } from "../lib/member-context";
import { latencyFigures, measureInterleaved, withTarget, type Figure, type Stats } from "../lib/measure";

const LIST_TARGET_MS = 50;
const CHAT_TARGET_MS = 50;
const COUNTS_TARGET_MS = 20;
const DEEP_PAGES = 50;


type Case = { name: string; target: number; run: () => Promise<number> };

export async function runInbox(context: BenchContext) {
  const { log, iterations, pool } = context;
  const org = context.dataset.main;
  const inbox = context.dataset.inbox;
  if (!inbox?.bigConversationId) throw new Error("the dataset has no inbox data: run with --conversations and --messages (or the defaults)");
  const { createCaller } = await import("../../app/trpc/root.server");
  const agent = await mainOrganizationMember(context, "agent-1@main.bench.leadlane.in");
  const manager = await mainOrganizationMember(context, "manager-1@main.bench.leadlane.in");
  const asAgent = createCaller(agent.context);
  const asManager = createCaller(manager.context);

  const { rows: tagRows } = await pool.query<{ id: string; name: string; n: number }>(
    `SELECT t.id, t.name, count(*)::int AS n FROM "Tag" t JOIN "ContactTag" ct ON ct."tagId" = t.id
      WHERE t."organizationId" = $1 GROUP BY t.id, t.name ORDER BY n DESC LIMIT 1`,
    [org.id],
  );
  const label = tagRows[0]!;
  const { rows: shape } = await pool.query<Record<string, number>>(
    `SELECT count(*) FILTER (WHERE "assigneeId" = $2)::int AS agent, count(*) FILTER (WHERE "assigneeId" IS NULL)::int AS unassigned,
            count(*)::int AS "all", count(*) FILTER (WHERE "unreadCount" > 0)::int AS unread,
            count(*) FILTER (WHERE status = 'SNOOZED')::int AS snoozed
       FROM "Conversation" WHERE "organizationId" = $1`,
    [org.id, agent.userId],
  );
  log(`main organization: ${JSON.stringify(shape[0])}; label "${label.name}" on ${label.n} contacts`);

  // A cursor 50 pages down, followed through the procedure; and one from the middle of the range.
  type ListInput = Parameters<typeof asManager.inbox.list>[0];
  const follow = async (caller: typeof asManager, input: ListInput, pages: number): Promise<string> => {
    let cursor: string | undefined;
    for (let page = 1; page < pages; page++) {
      const result = await caller.inbox.list({ ...input, cursor });
      if (!result.nextCursor) throw new Error(`${JSON.stringify(input)} has fewer than ${pages} pages`);
      cursor = result.nextCursor;
    }
    return cursor!;
  };
  const middleCursor = async (where: string, values: unknown[]) => {
    const { rows } = await pool.query<{ at: Date; id: string }>(
      `SELECT "lastMessageAt" AS at, id FROM "Conversation" WHERE "organizationId" = $1 ${where}
        ORDER BY "lastMessageAt" DESC, id DESC OFFSET (SELECT count(*) / 2 FROM "Conversation" WHERE "organizationId" = $1 ${where}) LIMIT 1`,
      [org.id, ...values],
    );
    return `${rows[0]!.at.toISOString()}_${rows[0]!.id}`;
  };
  const managerDeep = await follow(asManager, { view: "all" }, DEEP_PAGES);
  const agentDeep = await follow(asAgent, { view: "all" }, DEEP_PAGES);
  const agentMineDeep = await follow(asAgent, { view: "mine" }, DEEP_PAGES);
  const managerMiddle = await middleCursor("", []);
  const agentMiddle = await middleCursor(`AND ("assigneeId" = $2 OR "assigneeId" IS NULL)`, [agent.userId]);

  // The long conversation: its newest page, and a page from the middle of its history.
  const big = inbox.bigConversationId;
  const { rows: older } = await pool.query<{ createdAt: Date; id: string }>(
    `SELECT "createdAt", id FROM "Message" WHERE "organizationId" = $1 AND "conversationId" = $2
      ORDER BY "createdAt" DESC, id DESC OFFSET 5000 LIMIT 1`,
    [org.id, big],
  );
  const olderCursor = `${older[0]!.createdAt.toISOString()}_${older[0]!.id}`;

  const list = (caller: typeof asManager, input: ListInput) => async () => (await caller.inbox.list(input)).items.length;
  const cases: Case[] = [
    { name: "agent Mine, first page", target: LIST_TARGET_MS, run: list(asAgent, { view: "mine" }) },
    { name: "agent All (own + unassigned), first page", target: LIST_TARGET_MS, run: list(asAgent, { view: "all" }) },
    { name: "agent Unassigned, first page", target: LIST_TARGET_MS, run: list(asAgent, { view: "unassigned" }) },
    { name: "manager All, first page", target: LIST_TARGET_MS, run: list(asManager, { view: "all" }) },
    { name: "manager All, channel SMS", target: LIST_TARGET_MS, run: list(asManager, { view: "all", channel: "SMS" }) },
    { name: "manager All, status open", target: LIST_TARGET_MS, run: list(asManager, { view: "all", status: "open" }) },
    { name: "manager All, status snoozed", target: LIST_TARGET_MS, run: list(asManager, { view: "all", status: "snoozed" }) },
    { name: "manager All, status pending, channel EMAIL", target: LIST_TARGET_MS, run: list(asManager, { view: "all", status: "pending", channel: "EMAIL" }) },
    { name: "manager All, label", target: LIST_TARGET_MS, run: list(asManager, { view: "all", label: label.id }) },
    { name: "agent Mine, status open", target: LIST_TARGET_MS, run: list(asAgent, { view: "mine", status: "open" }) },
    { name: "agent All, channel WHATSAPP + label", target: LIST_TARGET_MS, run: list(asAgent, { view: "all", channel: "WHATSAPP", label: label.id }) },
    // Sparse filters: few rows match, so a walk of the view's index in order reads many that do not.
    { name: "manager All, snoozed + EMAIL + label", target: LIST_TARGET_MS, run: list(asManager, { view: "all", status: "snoozed", channel: "EMAIL", label: label.id }) },
    { name: "agent Mine, snoozed + SMS", target: LIST_TARGET_MS, run: list(asAgent, { view: "mine", status: "snoozed", channel: "SMS" }) },
    { name: `manager All, page ${DEEP_PAGES}`, target: LIST_TARGET_MS, run: list(asManager, { view: "all", cursor: managerDeep }) },
    { name: `agent All, page ${DEEP_PAGES}`, target: LIST_TARGET_MS, run: list(asAgent, { view: "all", cursor: agentDeep }) },
    { name: `agent Mine, page ${DEEP_PAGES}`, target: LIST_TARGET_MS, run: list(asAgent, { view: "mine", cursor: agentMineDeep }) },
    { name: "manager All, middle cursor", target: LIST_TARGET_MS, run: list(asManager, { view: "all", cursor: managerMiddle }) },
    { name: "manager All, middle cursor, status resolved", target: LIST_TARGET_MS, run: list(asManager, { view: "all", cursor: managerMiddle, status: "resolved" }) },
    { name: "agent All, middle cursor", target: LIST_TARGET_MS, run: list(asAgent, { view: "all", cursor: agentMiddle }) },
    {
      name: "chat 10k-message conversation, first page",
      target: CHAT_TARGET_MS,
      run: async () => (await asManager.conversation.messages({ id: big })).messages.length,
    },
    {
      name: "chat 10k-message conversation, older page",
      target: CHAT_TARGET_MS,
      run: async () => (await asManager.conversation.messages({ id: big, before: olderCursor })).messages.length,
    },
    { name: "unread counts, agent", target: COUNTS_TARGET_MS, run: async () => (await asAgent.inbox.counts()).all },
    { name: "unread counts, manager", target: COUNTS_TARGET_MS, run: async () => (await asManager.inbox.counts()).all },
  ];

  // The generated counters must be those of the messages: the newest message is the conversation's last one.
  const { rows: mismatched } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT c.* FROM "Conversation" c WHERE c."organizationId" = $1 ORDER BY c.id LIMIT 500) c
      CROSS JOIN LATERAL (SELECT m."createdAt", m.body, m.direction FROM "Message" m
        WHERE m."organizationId" = c."organizationId" AND m."conversationId" = c.id ORDER BY m."createdAt" DESC, m.id DESC LIMIT 1) m
      WHERE m."createdAt" <> c."lastMessageAt" OR left(m.body, 200) <> c."lastMessagePreview" OR m.direction <> c."lastMessageDirection"
         OR c."lastInboundAt" IS DISTINCT FROM (SELECT max(i."createdAt") FROM "Message" i
              WHERE i."organizationId" = c."organizationId" AND i."conversationId" = c.id AND i.direction = 'INBOUND')
         OR c."unreadCount" > (SELECT count(*) FROM "Message" i WHERE i."organizationId" = c."organizationId" AND i."conversationId" = c.id
              AND i.direction = 'INBOUND' AND i."createdAt" > coalesce((SELECT max(o."createdAt") FROM "Message" o
                WHERE o."organizationId" = c."organizationId" AND o."conversationId" = c.id AND o.direction = 'OUTBOUND'), '-infinity'))`,
    [org.id],
  );
  if (mismatched[0]!.n > 0) throw new Error(`${mismatched[0]!.n} of 500 conversations disagree with their messages`);
  const { rows: bigCount } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Message" WHERE "conversationId" = $1`, [big]);
  log(`counters agree with the messages on 500 conversations; the long conversation holds ${bigCount[0]!.n} messages`);

  // Every case must answer something before it is timed.
  for (const entry of cases) {
    const n = await entry.run();
    if (!n) throw new Error(`${entry.name}: nothing returned`);
  }
  const baseline = async () => {
    const { rows } = await pool.query(`SELECT * FROM "Conversation" WHERE id = $1`, [big]);
    return rows.length;
  };
  const label95 = "pg, one conversation by primary key";
  const figures: Figure[] = [];
  const stats: Record<string, { app: Stats; pg: Stats }> = {};
  for (const entry of cases) {
    const measured = await measureInterleaved({ app: entry.run, pg: baseline }, { warmup: Math.min(10, iterations), iterations });
    stats[entry.name] = measured;
    log(`${entry.name}: p50 ${measured.app.p50.toFixed(1)} ms, p95 ${measured.app.p95.toFixed(1)} ms (baseline p95 ${measured.pg.p95.toFixed(2)} ms)`);
    const [p50, p95, max] = latencyFigures(entry.name, measured.app, measured.pg, ["p50", "p95", "max"], label95);
    figures.push(p50!, withTarget(p95!, "atMost", entry.target), max!);
  }
  return { figures, details: { members: { agent: agent.email, manager: manager.email }, label, shape: shape[0], stats } };
}

export const inboxBench: Benchmark = {
  name: "inbox",
  description: "inbox.list (views, filters, deep keyset pages), conversation.messages of a 10k-message conversation, inbox.counts vs a pg primary-key lookup",
  defaultIterations: 100,
  defaultContacts: 1_000_000,
  defaultConversations: 200_000,
  defaultMessages: 5_000_000,
  run: runInbox,
};
