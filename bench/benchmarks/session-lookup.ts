// The per-request authentication path: find the Session by the SHA-256 of the
// cookie token with its user, then the membership and organization, as
// getAuthSession (app/utils/session.server.ts) and createContext
// (app/trpc/trpc.server.ts) do. Baseline: the same lookups as one plain `pg` query.
import { createCookie } from "@remix-run/node";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../app/generated/prisma/client";
import { createContext } from "../../app/trpc/trpc.server";
import { sha256Hex } from "../../app/utils/crypto.server";
import { prisma as appPrisma } from "../../app/utils/db.server";
import { cookieSecrets } from "../../app/utils/secrets.server";
import { createUserSession } from "../../app/utils/session.server";
import type { Benchmark, BenchContext } from "../lib/benchmark";
import { figure, latencyFigures, measure, measureInterleaved, type Figure, type Stats } from "../lib/measure";

const SESSIONS = 200;
const CONCURRENCY = 8;
const BENCH_USER_AGENT = "leadlane-bench";
const TOUCH_INTERVAL_MS = 5 * 60 * 1000; // as in session.server.ts

type Resolved = {
  sessionId: string;
  userId: string;
  email: string;
  organizationId: string | null;
  role: string | null;
  membershipId: string | null;
} | null;

type BenchSession = { token: string; cookieHeader: string; request: Request };

/** getAuthSession + resolveOrganization, query for query, on the given Prisma client. */
async function prismaLookup(db: PrismaClient, token: string): Promise<Resolved> {
  const session = await db.session.findUnique({
    where: { id: sha256Hex(token) },
    select: {
      id: true,
      organizationId: true,
      expiresAt: true,
      lastSeenAt: true,
      user: { select: { id: true, email: true, name: true } },
    },
  });
  if (!session || session.expiresAt.getTime() <= Date.now()) return null;
  if (Date.now() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.session.update({ where: { id: session.id }, data: { lastSeenAt: new Date() } }).catch(() => {});
  }
  const membership = session.organizationId
    ? await db.membership.findUnique({
        where: { organizationId_userId: { organizationId: session.organizationId, userId: session.user.id } },
        include: { organization: true },
      })
    : await db.membership.findFirst({
        where: { userId: session.user.id },
        include: { organization: true },
        orderBy: { createdAt: "asc" },
      });
  return {
    sessionId: session.id,
    userId: session.user.id,
    email: session.user.email,
    organizationId: membership?.organization.id ?? null,
    role: membership?.role ?? null,
    membershipId: membership?.id ?? null,
  };
}

const SESSION_SQL = `
SELECT s.id, s."organizationId", s."expiresAt", s."lastSeenAt", u.id AS "userId", u.email, u.name
FROM "Session" s JOIN "User" u ON u.id = s."userId"
WHERE s.id = $1`;

const MEMBERSHIP_BY_ORG_SQL = `
SELECT m.id, m.role, o.id AS "organizationId", o.name, o.slug
FROM "Membership" m JOIN "Organization" o ON o.id = m."organizationId"
WHERE m."organizationId" = $1 AND m."userId" = $2`;

const FIRST_MEMBERSHIP_SQL = `
SELECT m.id, m.role, o.id AS "organizationId", o.name, o.slug
FROM "Membership" m JOIN "Organization" o ON o.id = m."organizationId"
WHERE m."userId" = $1 ORDER BY m."createdAt" ASC LIMIT 1`;

/** Everything in one round trip. */
const ONE_QUERY_SQL = `
SELECT s.id, s."expiresAt", s."lastSeenAt", u.id AS "userId", u.email, u.name,
       m.id AS "membershipId", m.role, o.id AS "organizationId", o.name AS "organizationName", o.slug
FROM "Session" s
JOIN "User" u ON u.id = s."userId"
LEFT JOIN LATERAL (
  SELECT m.id, m.role, m."organizationId" FROM "Membership" m
  WHERE m."userId" = s."userId" AND (s."organizationId" IS NULL OR m."organizationId" = s."organizationId")
  ORDER BY m."createdAt" ASC LIMIT 1
) m ON true
LEFT JOIN "Organization" o ON o.id = m."organizationId"
WHERE s.id = $1`;

type SessionRow = { id: string; organizationId: string | null; expiresAt: Date; lastSeenAt: Date; userId: string; email: string };
type MembershipRow = { id: string; role: string; organizationId: string };
type OneRow = SessionRow & { membershipId: string | null; role: string | null };

async function pgTwoQueries(context: BenchContext, token: string): Promise<Resolved> {
  const { rows } = await context.pool.query<SessionRow>(SESSION_SQL, [sha256Hex(token)]);
  const session = rows[0];
  if (!session || session.expiresAt.getTime() <= Date.now()) return null;
  if (Date.now() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await context.pool.query(`UPDATE "Session" SET "lastSeenAt" = now() WHERE id = $1`, [session.id]);
  }
  const { rows: memberships } = session.organizationId
    ? await context.pool.query<MembershipRow>(MEMBERSHIP_BY_ORG_SQL, [session.organizationId, session.userId])
    : await context.pool.query<MembershipRow>(FIRST_MEMBERSHIP_SQL, [session.userId]);
  const membership = memberships[0];
  return {
    sessionId: session.id,
    userId: session.userId,
    email: session.email,
    organizationId: membership?.organizationId ?? null,
    role: membership?.role ?? null,
    membershipId: membership?.id ?? null,
  };
}

async function pgOneQuery(context: BenchContext, token: string): Promise<Resolved> {
  const { rows } = await context.pool.query<OneRow>(ONE_QUERY_SQL, [sha256Hex(token)]);
  const row = rows[0];
  if (!row || row.expiresAt.getTime() <= Date.now()) return null;
  if (Date.now() - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await context.pool.query(`UPDATE "Session" SET "lastSeenAt" = now() WHERE id = $1`, [row.id]);
  }
  return {
    sessionId: row.id,
    userId: row.userId,
    email: row.email,
    organizationId: row.organizationId,
    role: row.role,
    membershipId: row.membershipId,
  };
}

async function appCreateContext(session: BenchSession): Promise<Resolved> {
  const ctx = await createContext(session.request);
  if (!ctx.session || !ctx.user) return null;
  return {
    sessionId: ctx.session.id,
    userId: ctx.user.id,
    email: ctx.user.email,
    organizationId: ctx.org?.id ?? null,
    role: ctx.org?.role ?? null,
    membershipId: ctx.org?.membershipId ?? null,
  };
}

/** Signs in through the app (createUserSession), so the cookies are the real thing. */
async function createSessions(context: BenchContext): Promise<BenchSession[]> {
  const { dataset } = context;
  const people = [dataset.main, ...dataset.others].flatMap((org) =>
    org.userIds.map((userId) => ({ userId, organizationId: org.id })),
  );
  const sessions: BenchSession[] = [];
  for (let n = 0; n < SESSIONS; n++) {
    const person = people[(n * 7919) % people.length]!;
    const setCookie = await createUserSession({
      request: new Request("http://bench.leadlane.local/login", {
        headers: { "user-agent": BENCH_USER_AGENT, "x-leadlane-client-ip": "127.0.0.1" },
      }),
      userId: person.userId,
      // One in ten without an organization: resolveOrganization then takes the first membership.
      organizationId: n % 10 === 9 ? null : person.organizationId,
    });
    const cookieHeader = setCookie.split(";")[0]!;
    const cookieName = cookieHeader.slice(0, cookieHeader.indexOf("="));
    const token = await createCookie(cookieName, { secrets: cookieSecrets() }).parse(cookieHeader);
    if (typeof token !== "string") throw new Error("could not read the session token back from the app's cookie");
    sessions.push({
      token,
      cookieHeader,
      request: new Request("http://bench.leadlane.local/dashboard", { headers: { cookie: cookieHeader } }),
    });
  }
  return sessions;
}

/** How many SQL statements one Prisma lookup sends. */
async function countPrismaStatements(context: BenchContext, token: string): Promise<number> {
  const counting = new PrismaClient({
    adapter: new PrismaPg({ connectionString: context.databaseUrl, max: 1 }),
    log: [{ emit: "event", level: "query" }],
  });
  let statements = 0;
  counting.$on("query", () => {
    statements++;
  });
  try {
    await prismaLookup(counting, token);
    statements = 0;
    await prismaLookup(counting, token);
    return statements;
  } finally {
    await counting.$disconnect();
  }
}

export const sessionLookup: Benchmark = {
  name: "session-lookup",
  description: "Per-request auth: Session by sha256 id + user, then membership + organization (Prisma) vs one plain pg query",
  defaultIterations: 2000,
  defaultContacts: 100_000,
  async run(context) {
    const { iterations, log } = context;
    const removeBenchSessions = () => context.db.session.deleteMany({ where: { userAgent: BENCH_USER_AGENT } });
    await removeBenchSessions();
    try {
      log(`creating ${SESSIONS} sessions through createUserSession`);
      const sessions = await createSessions(context);
      // All variants must agree, or the comparison means nothing.
      for (const session of sessions) {
        const expected = await pgOneQuery(context, session.token);
        if (!expected?.organizationId) throw new Error("a bench session did not resolve to an organization");
        const others = {
          "app createContext": await appCreateContext(session),
          "Prisma queries": await prismaLookup(context.db, session.token),
          "pg 2 queries": await pgTwoQueries(context, session.token),
        };
        for (const [name, got] of Object.entries(others)) {
          if (JSON.stringify(got) !== JSON.stringify(expected)) {
            throw new Error(`${name} resolved ${JSON.stringify(got)}, the baseline ${JSON.stringify(expected)}`);
          }
        }
      }
      const pick = (i: number) => sessions[(i * 31) % sessions.length]!;

      log(`latency: ${iterations} iterations per variant, interleaved`);
      const latency = await measureInterleaved(
        {
          app: async (i) => void (await appCreateContext(pick(i))),
          prisma: async (i) => void (await prismaLookup(context.db, pick(i).token)),
          pg2: async (i) => void (await pgTwoQueries(context, pick(i).token)),
          pg1: async (i) => void (await pgOneQuery(context, pick(i).token)),
        },
        { warmup: Math.min(200, iterations), iterations },
      );

      log(`throughput: ${iterations} lookups per variant, ${CONCURRENCY} concurrent`);
      // A-B-B-A halves, so a change in machine load mid-way touches both alike.
      const half = Math.max(1, Math.floor(iterations / 2));
      const options = { warmup: 50, iterations: half, concurrency: CONCURRENCY };
      const runApp = () => measure(async (i) => void (await appCreateContext(pick(i))), options);
      const runPg = () => measure(async (i) => void (await pgOneQuery(context, pick(i).token)), options);
      const rounds = { app: [await runApp()], pg1: [await runPg()] };
      rounds.pg1.push(await runPg());
      rounds.app.push(await runApp());
      const opsPerSec = (stats: Stats[]) =>
        (stats.reduce((n, s) => n + s.iterations, 0) * 1000) / stats.reduce((ms, s) => ms + s.totalMs, 0);
      const throughputApp = { opsPerSec: opsPerSec(rounds.app), peakRssBytes: Math.max(...rounds.app.map((s) => s.peakRssBytes)) };
      const throughputPg = { opsPerSec: opsPerSec(rounds.pg1) };
      const statements = await countPrismaStatements(context, pick(0).token);

      const baselineLabel = "pg, 1 query";
      const figures: Figure[] = [
        ...latencyFigures("app createContext", latency.app, latency.pg1, ["p50", "p95", "p99"], baselineLabel),
        ...latencyFigures("Prisma lookups", latency.prisma, latency.pg1, ["p50", "p95"], baselineLabel),
        ...latencyFigures("pg, same 2 queries", latency.pg2, latency.pg1, ["p50", "p95"], baselineLabel),
        figure(`app createContext ×${CONCURRENCY} concurrent`, throughputApp.opsPerSec, "ops/s", throughputPg.opsPerSec, baselineLabel),
        figure("SQL statements per lookup (Prisma)", statements, "stmts", 1, baselineLabel),
        figure("peak RSS", Math.max(latency.app.peakRssBytes, throughputApp.peakRssBytes) / 2 ** 20, "MiB"),
      ];
      return {
        figures,
        details: {
          sessions: SESSIONS,
          concurrency: CONCURRENCY,
          latency,
          throughput: { appOpsPerSec: throughputApp.opsPerSec, pg1OpsPerSec: throughputPg.opsPerSec, rounds },
          prismaStatementsPerLookup: statements,
          baselineSql: ONE_QUERY_SQL.trim(),
        },
      };
    } finally {
      await removeBenchSessions();
      await appPrisma.$disconnect();
    }
  },
};
