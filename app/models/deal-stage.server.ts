// The deal pipeline: an organization's ordered stages. Every organization gets
// the default pipeline when it is created; organizations from before that get
// it the first time anything asks for their stages (ensureDefaultPipeline).
import type { Prisma, PrismaClient } from "~/generated/prisma/client";
import type { DealStageKind } from "~/generated/prisma/enums";

type Tx = Prisma.TransactionClient | PrismaClient;

export const DEFAULT_PIPELINE: ReadonlyArray<{ name: string; probability: number; kind: DealStageKind }> = [
  { name: "Qualification", probability: 10, kind: "OPEN" },
  { name: "Demo", probability: 25, kind: "OPEN" },
  { name: "Proposal", probability: 50, kind: "OPEN" },
  { name: "Negotiation", probability: 75, kind: "OPEN" },
  { name: "Won", probability: 100, kind: "WON" },
  { name: "Lost", probability: 0, kind: "LOST" },
];

export const stageSelect = {
  id: true,
  name: true,
  position: true,
  kind: true,
  probability: true,
} satisfies Prisma.DealStageSelect;

/**
 * Serializes changes to one organization's pipeline (creating the default one,
 * adding, reordering, deleting stages) for the rest of the transaction.
 */
export async function lockPipeline(tx: Prisma.TransactionClient, { organizationId }: { organizationId: string }) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`deal-pipeline:${organizationId}`}, 0))`;
}

/** Locks one stage's row until the transaction ends: a deal can't enter it meanwhile. */
export async function lockStage(tx: Prisma.TransactionClient, { organizationId, stageId }: { organizationId: string; stageId: string }) {
  await tx.$queryRaw`SELECT "id" FROM "DealStage" WHERE "id" = ${stageId}::uuid AND "organizationId" = ${organizationId}::uuid FOR UPDATE`;
}

/** Writes the default stages for a new organization (inside its creating transaction). */
export async function createDefaultPipeline(db: Tx, { organizationId }: { organizationId: string }) {
  await db.dealStage.createMany({
    data: DEFAULT_PIPELINE.map((stage, position) => ({ organizationId, position, ...stage })),
    skipDuplicates: true,
  });
}

/** Gives an organization created before pipelines existed its default stages; a no-op afterwards. */
export async function ensureDefaultPipeline(db: PrismaClient, { organizationId }: { organizationId: string }) {
  if ((await db.dealStage.count({ where: { organizationId } })) > 0) return;
  await db.$transaction(async (tx) => {
    await lockPipeline(tx, { organizationId });
    if ((await tx.dealStage.count({ where: { organizationId } })) > 0) return;
    await createDefaultPipeline(tx, { organizationId });
  });
}

/** The stages in board order, each with how many deals it holds. */
export function listStages(db: Tx, { organizationId }: { organizationId: string }) {
  return db.dealStage.findMany({
    where: { organizationId },
    select: { ...stageSelect, _count: { select: { deals: true } } },
    orderBy: [{ position: "asc" }, { createdAt: "asc" }, { id: "asc" }],
  });
}

export function findStage(db: Tx, { organizationId, stageId }: { organizationId: string; stageId: string }) {
  return db.dealStage.findFirst({ where: { id: stageId, organizationId }, select: stageSelect });
}

/** A stage whose name matches `name` ignoring case, other than `exceptId`. */
export function findStageByName(
  db: Tx,
  { organizationId, name, exceptId }: { organizationId: string; name: string; exceptId?: string },
) {
  return db.dealStage.findFirst({
    where: { organizationId, name: { equals: name, mode: "insensitive" }, id: exceptId ? { not: exceptId } : undefined },
    select: { id: true, name: true },
  });
}

export function countDealsInStage(db: Tx, { organizationId, stageId }: { organizationId: string; stageId: string }) {
  return db.deal.count({ where: { organizationId, stageId } });
}

export function insertStage(
  db: Tx,
  data: { organizationId: string; name: string; probability: number; position: number; kind: DealStageKind },
) {
  return db.dealStage.create({ data, select: stageSelect });
}

export function updateStage(
  db: Tx,
  { organizationId, stageId, data }: { organizationId: string; stageId: string; data: { name?: string; probability?: number } },
) {
  return db.dealStage.updateMany({ where: { id: stageId, organizationId }, data });
}

/** Numbers the stages 0, 1, 2… in the order given. */
export async function setStageOrder(tx: Tx, { organizationId, stageIds }: { organizationId: string; stageIds: string[] }) {
  for (const [position, id] of stageIds.entries()) {
    await tx.dealStage.updateMany({ where: { id, organizationId, position: { not: position } }, data: { position } });
  }
}

export function deleteStage(db: Tx, { organizationId, stageId }: { organizationId: string; stageId: string }) {
  return db.dealStage.deleteMany({ where: { id: stageId, organizationId } });
}
