// Builders for the contacts list, bulk actions and the board: contacts with
// every listed field set, and many contacts at once (generated in SQL).
import { randomBytes } from "node:crypto";
import type { Prisma, PrismaClient } from "../app/generated/prisma/client";
import type { ContactSource, ContactStage, Temperature } from "../app/generated/prisma/enums";
import { indianMobile, personName } from "./factories";

let phoneCounter = 0;

/** A valid Indian mobile number not used by any other contact this process makes. */
export function uniqueMobile(): string {
  phoneCounter += 1;
  const base = Number.parseInt(randomBytes(3).toString("hex"), 16) % 100_000;
  return indianMobile(base * 10_000 + (phoneCounter % 10_000));
}

export type ListContactInput = {
  organizationId: string;
  name?: string;
  phone?: string;
  email?: string | null;
  source?: ContactSource;
  stage?: ContactStage;
  temperature?: Temperature;
  score?: number;
  ownerId?: string | null;
  companyId?: string | null;
  customFields?: Prisma.InputJsonObject;
  lastActivityAt?: Date;
  createdAt?: Date;
  tagIds?: string[];
};

export async function createListContact(db: PrismaClient, input: ListContactInput) {
  const contact = await db.contact.create({
    data: {
      organizationId: input.organizationId,
      name: input.name ?? personName(Math.floor(Math.random() * 10_000)),
      phone: input.phone ?? uniqueMobile(),
      email: input.email ?? null,
      source: input.source ?? "MANUAL",
      stage: input.stage ?? "NEW",
      temperature: input.temperature ?? "COLD",
      score: input.score ?? 0,
      ownerId: input.ownerId ?? null,
      companyId: input.companyId ?? null,
      customFields: input.customFields ?? {},
      lastActivityAt: input.lastActivityAt ?? new Date(),
      createdAt: input.createdAt ?? new Date(),
    },
  });
  if (input.tagIds?.length) {
    await db.contactTag.createMany({
      data: input.tagIds.map((tagId) => ({ organizationId: input.organizationId, contactId: contact.id, tagId })),
    });
  }
  return contact;
}

/**
 * Inserts `count` contacts in one statement: names "Bulk 1", "Bulk 2" and so on,
 * Indian mobile numbers starting with 7 counted up from `phoneOffset`, scores
 * cycling through 0–100, and the stage and temperature given.
 */
export async function insertManyContacts(
  db: PrismaClient,
  input: {
    organizationId: string;
    count: number;
    stage?: ContactStage;
    temperature?: Temperature;
    ownerId?: string | null;
    phoneOffset?: number;
  },
): Promise<number> {
  const offset = input.phoneOffset ?? Number.parseInt(randomBytes(3).toString("hex"), 16) % 1_000_000;
  const inserted = await db.$executeRaw`
    INSERT INTO "Contact" ("organizationId", "name", "phone", "stage", "temperature", "score", "ownerId", "updatedAt")
    SELECT ${input.organizationId}::uuid,
           'Bulk ' || g,
           '+917' || lpad(((${offset}::bigint * 1000 + g) % 1000000000)::text, 9, '0'),
           ${input.stage ?? "NEW"}::"ContactStage",
           ${input.temperature ?? "COLD"}::"Temperature",
           g % 101,
           ${input.ownerId ?? null}::uuid,
           now()
      FROM generate_series(1, ${input.count}::int) AS g`;
  // Fresh statistics, as autovacuum would give a real database, so plans are realistic.
  await db.$executeRaw`ANALYZE "Contact", "ContactTag"`;
  return inserted;
}
