// The one Prisma client per process, talking to PostgreSQL through node-postgres
// on the process's shared pool.
import { PrismaPg } from "@prisma/adapter-pg";
import type pg from "pg";
import { PrismaClient } from "~/generated/prisma/client";
import { sharedPool } from "~/utils/pg-pool.server";

export type Db = PrismaClient;

type PgAdapter = Awaited<ReturnType<PrismaPg["connect"]>>;
type PgTransaction = Awaited<ReturnType<PgAdapter["startTransaction"]>>;

const IN_TURN = new Set<PropertyKey>([
  "queryRaw",
  "executeRaw",
  "commit",
  "rollback",
  "createSavepoint",
  "rollbackToSavepoint",
  "releaseSavepoint",
]);

/**
 * A transaction is one connection, but Prisma sends some of its queries at
 * once (a read of several relations runs one query per relation in
 * parallel). node-postgres queues them with a deprecation warning that pg 9
 * turns into an error (prisma/orm#29979), so each waits for the one before.
 */
function oneQueryAtATime(transaction: PgTransaction): PgTransaction {
  let previous: Promise<unknown> = Promise.resolve();
  return new Proxy(transaction, {
    get(target, property) {
      const value = Reflect.get(target, property, target) as unknown;
      if (typeof value !== "function") return value;
      const method = (value as (...args: unknown[]) => unknown).bind(target);
      if (!IN_TURN.has(property)) return method;
      return (...args: unknown[]) => {
        const run = () => method(...args);
        const result = previous.then(run, run);
        previous = result.catch(() => {});
        return result;
      };
    },
  });
}

function serialTransactions(factory: PrismaPg): PrismaPg {
  return new Proxy(factory, {
    get(target, property) {
      if (property !== "connect") return Reflect.get(target, property, target) as unknown;
      return async () => {
        const adapter = await target.connect();
        return new Proxy(adapter, {
          get(inner, name) {
            const value = Reflect.get(inner, name, inner) as unknown;
            if (name === "startTransaction") {
              return async (...args: Parameters<PgAdapter["startTransaction"]>) =>
                oneQueryAtATime(await inner.startTransaction(...args));
            }
            return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(inner) : value;
          },
        });
      };
    },
  });
}

/** A client with a pool of its own (seeding, benchmarks, scripts on another database). */
export function createPrismaClient(connectionString: string, max = 10): PrismaClient {
  const adapter = serialTransactions(new PrismaPg({ connectionString, max }));
  return new PrismaClient({ adapter });
}

/** A client on an existing pool; its $disconnect leaves the pool open for the pool's other users. */
export function createPrismaClientOnPool(pool: pg.Pool): PrismaClient {
  const adapter = serialTransactions(new PrismaPg(pool));
  return new PrismaClient({ adapter });
}

const globalForPrisma = globalThis as unknown as { __leadlanePrisma?: PrismaClient };

// Kept on globalThis so a dev rebuild does not make a new client each time.
function processClient(): PrismaClient {
  globalForPrisma.__leadlanePrisma ??= createPrismaClientOnPool(sharedPool());
  return globalForPrisma.__leadlanePrisma;
}

/** Lets go of the process-wide client (shutdown); the pool itself closes with closeSharedPool. */
export async function disconnectPrisma(): Promise<void> {
  const client = globalForPrisma.__leadlanePrisma;
  delete globalForPrisma.__leadlanePrisma;
  await client?.$disconnect();
}

/**
 * The process-wide client, created on first use (not on import), so entry
 * points can settle DATABASE_URL before anything connects.
 */
export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = processClient();
    const value = Reflect.get(client, property, client) as unknown;
    return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(client) : value;
  },
});
