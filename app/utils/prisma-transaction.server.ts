// Telling the process's Prisma client from a transaction's. A transaction's client has a
// `$transaction` of its own in this Prisma version, but it opens another transaction on another
// connection, outside the caller's: code that must run inside the caller's transaction when it is
// given one asks here, not whether `$transaction` exists. Only the client itself can `$connect`.
import type { Prisma, PrismaClient } from "~/generated/prisma/client";

/** Whether `db` is the client itself (it can open a transaction), not a transaction's client (statements on it run in that transaction). */
export function isPrismaClient(db: Prisma.TransactionClient | PrismaClient): db is PrismaClient {
  return typeof (db as Partial<PrismaClient>).$connect === "function";
}
