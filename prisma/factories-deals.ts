// Builders for companies and deals, shared by the seed and the tests.
import { randomBytes } from "node:crypto";
import type { PrismaClient } from "../app/generated/prisma/client";
import { ensureDefaultPipeline } from "../app/models/deal-stage.server";

function unique(): string {
  return randomBytes(4).toString("hex");
}

export function createCompany(
  db: PrismaClient,
  input: { organizationId: string; name?: string; industry?: string | null; size?: string | null; website?: string | null },
) {
  return db.company.create({
    data: {
      organizationId: input.organizationId,
      name: input.name ?? `Company ${unique()}`,
      industry: input.industry ?? null,
      size: input.size ?? null,
      website: input.website ?? null,
    },
  });
}

/** The organization's stages by name ("Qualification", "Won", …), creating the default pipeline if it has none. */
export async function stagesByName(db: PrismaClient, organizationId: string) {
  await ensureDefaultPipeline(db, { organizationId });
  const stages = await db.dealStage.findMany({ where: { organizationId }, orderBy: { position: "asc" } });
  return Object.fromEntries(stages.map((stage) => [stage.name, stage])) as Record<string, (typeof stages)[number]>;
}

/**
 * A deal written straight to the database (no timeline, no live event); `stage` is a stage name or id.
 * `updatedById` (who saved it last) defaults to the owner.
 */
export async function createDeal(
  db: PrismaClient,
  input: {
    organizationId: string;
    stage?: string;
    title?: string;
    valuePaise?: bigint | number;
    probability?: number;
    contactId?: string | null;
    companyId?: string | null;
    ownerId?: string | null;
    updatedById?: string | null;
    expectedCloseDate?: string | null;
    closedAt?: Date | null;
    position?: number;
  },
) {
  const stages = await stagesByName(db, input.organizationId);
  const stage =
    stages[input.stage ?? "Qualification"] ?? Object.values(stages).find((candidate) => candidate.id === input.stage);
  if (!stage) throw new Error(`no stage ${input.stage} in organization ${input.organizationId}`);
  return db.deal.create({
    data: {
      organizationId: input.organizationId,
      title: input.title ?? `Deal ${unique()}`,
      valuePaise: BigInt(input.valuePaise ?? 499_900),
      stageId: stage.id,
      probability: input.probability ?? stage.probability,
      contactId: input.contactId ?? null,
      companyId: input.companyId ?? null,
      ownerId: input.ownerId ?? null,
      updatedById: input.updatedById === undefined ? (input.ownerId ?? null) : input.updatedById,
      expectedCloseDate: input.expectedCloseDate ? new Date(`${input.expectedCloseDate}T00:00:00.000Z`) : null,
      closedAt: input.closedAt ?? (stage.kind === "OPEN" ? null : new Date()),
      position: input.position ?? 0,
    },
  });
}
