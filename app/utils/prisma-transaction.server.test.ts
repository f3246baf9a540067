import { expect, test } from "vitest";
import { prisma } from "~/utils/db.server";
import { isPrismaClient } from "~/utils/prisma-transaction.server";

test("the client is told from a transaction's client, though both have a $transaction (which on the latter leaves the transaction)", async () => {
  expect(isPrismaClient(prisma)).toBe(true);
  await prisma.$transaction(async (tx) => {
    expect(isPrismaClient(tx)).toBe(false);
    // Why `$transaction` cannot tell them apart: on a transaction's client it runs on another connection.
    const [outer] = await tx.$queryRaw<Array<{ pid: number }>>`SELECT pg_backend_pid() AS "pid"`;
    const [[batch]] = await (tx as unknown as typeof prisma).$transaction([tx.$queryRaw<Array<{ pid: number }>>`SELECT pg_backend_pid() AS "pid"`]);
    expect(batch!.pid).not.toBe(outer!.pid);
  });
});
