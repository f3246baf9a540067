// The one Prisma client per process, talking to PostgreSQL through node-postgres.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/prisma/client";
import { getEnv } from "~/utils/env.server";

export type Db = PrismaClient;

export function createPrismaClient(connectionString: string, max = 10): PrismaClient {
  const adapter = new PrismaPg({ connectionString, max });
  return new PrismaClient({ adapter });
}

const globalForPrisma = globalThis as unknown as { __leadlanePrisma?: PrismaClient };

// Kept on globalThis so a dev rebuild does not open a new pool each time.
function processClient(): PrismaClient {
  globalForPrisma.__leadlanePrisma ??= createPrismaClient(getEnv().DATABASE_URL);
  return globalForPrisma.__leadlanePrisma;
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
