// Proves that a database built from prisma/migrations matches prisma/schema.prisma.
// The harness (app/testing/database-per-file.ts) gives this file its own copy
// of the migrated template database in DATABASE_URL.
import { readFileSync } from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type CompareOptions, compareSchemaWithDatabase, SCHEMA_PATH } from "./schema-drift";

/**
 * Indexes the migrations create in SQL because Prisma's schema language cannot
 * express them, with the definition pg_get_indexdef() prints. Keep this list in
 * step with those migrations: each entry must exist exactly so.
 */
const SQL_ONLY_INDEXES: Record<string, string> = {
  // prisma/migrations/20261122010000_leads_workspace: contact search.
  Contact_organizationId_phone_reversed_idx:
    'CREATE INDEX "Contact_organizationId_phone_reversed_idx" ON public."Contact" USING btree ("organizationId", reverse((phone)::text) text_pattern_ops)',
  Contact_organizationId_name_lower_idx:
    'CREATE INDEX "Contact_organizationId_name_lower_idx" ON public."Contact" USING btree ("organizationId", lower((name)::text) text_pattern_ops)',
  Contact_organizationId_email_prefix_idx:
    'CREATE INDEX "Contact_organizationId_email_prefix_idx" ON public."Contact" USING btree ("organizationId", email text_pattern_ops)',
  // prisma/migrations/20261122030000_deal_history: a deal's history from the timeline events that name it.
  ContactEvent_organizationId_dealId_idx:
    'CREATE INDEX "ContactEvent_organizationId_dealId_idx" ON public."ContactEvent" USING btree ("organizationId", ((data ->> \'dealId\'::text)), "createdAt") WHERE ((data ->> \'dealId\'::text) IS NOT NULL)',
  // prisma/migrations/20261202140000_contact_identities: possible duplicates by a similar name or a secondary phone.
  Contact_organizationId_name_similarity_idx:
    'CREATE INDEX "Contact_organizationId_name_similarity_idx" ON public."Contact" USING gist ("organizationId", lower((name)::text) gist_trgm_ops (siglen=\'16\'))',
  ContactIdentity_organizationId_phone_reversed_idx:
    'CREATE INDEX "ContactIdentity_organizationId_phone_reversed_idx" ON public."ContactIdentity" USING btree ("organizationId", reverse((value)::text) text_pattern_ops) WHERE (kind = \'PHONE\'::"ContactIdentityKind")',
  // prisma/migrations/20261203100000_contact_phone_or_email: one contact per email, whatever its case.
  Contact_organizationId_email_lower_key:
    'CREATE UNIQUE INDEX "Contact_organizationId_email_lower_key" ON public."Contact" USING btree ("organizationId", lower((email)::text)) WHERE (email IS NOT NULL)',
  // prisma/migrations/20261203160000_inbox_assignment_notifications: unread counts; one unread notification per key.
  Notification_organizationId_userId_coalesceKey_unread_key:
    'CREATE UNIQUE INDEX "Notification_organizationId_userId_coalesceKey_unread_key" ON public."Notification" USING btree ("organizationId", "userId", "coalesceKey") WHERE ("readAt" IS NULL)',
  Conversation_organizationId_assigneeId_unread_idx:
    'CREATE INDEX "Conversation_organizationId_assigneeId_unread_idx" ON public."Conversation" USING btree ("organizationId", "assigneeId") WHERE ("unreadCount" > 0)',
  // prisma/migrations/20261204100000_product_catalog: one product per name in an organization, whatever its case.
  Product_organizationId_name_lower_key:
    'CREATE UNIQUE INDEX "Product_organizationId_name_lower_key" ON public."Product" USING btree ("organizationId", lower((name)::text))',
  // prisma/migrations/20261204153000_payments_page_indexes: the payments page's list and totals from the indexes alone.
  Payment_organizationId_paidAt_id_covering_idx:
    'CREATE INDEX "Payment_organizationId_paidAt_id_covering_idx" ON public."Payment" USING btree ("organizationId", "paidAt", id) INCLUDE (status, "countedAt", "amountPaise", "refundedPaise", "contactId", "productId", "agentId", "reviewReason")',
  Payment_organizationId_status_paidAt_id_idx:
    'CREATE INDEX "Payment_organizationId_status_paidAt_id_idx" ON public."Payment" USING btree ("organizationId", status, "paidAt", id) INCLUDE ("countedAt", "amountPaise", "refundedPaise", "contactId", "productId", "agentId", "reviewReason")',
  Payment_organizationId_productId_paidAt_id_idx:
    'CREATE INDEX "Payment_organizationId_productId_paidAt_id_idx" ON public."Payment" USING btree ("organizationId", "productId", "paidAt", id) INCLUDE (status, "countedAt", "amountPaise", "refundedPaise", "contactId", "agentId", "reviewReason")',
  Payment_organizationId_agentId_paidAt_id_idx:
    'CREATE INDEX "Payment_organizationId_agentId_paidAt_id_idx" ON public."Payment" USING btree ("organizationId", "agentId", "paidAt", id) INCLUDE (status, "countedAt", "amountPaise", "refundedPaise", "contactId", "productId", "reviewReason")',
  Payment_organizationId_contactId_paidAt_id_idx:
    'CREATE INDEX "Payment_organizationId_contactId_paidAt_id_idx" ON public."Payment" USING btree ("organizationId", "contactId", "paidAt", id) INCLUDE (status, "countedAt", "amountPaise", "refundedPaise", "productId", "agentId", "reviewReason")',
  Payment_organizationId_paidAt_id_review_idx:
    'CREATE INDEX "Payment_organizationId_paidAt_id_review_idx" ON public."Payment" USING btree ("organizationId", "paidAt", id) INCLUDE (status, "countedAt", "amountPaise", "refundedPaise", "contactId", "productId", "agentId") WHERE ("reviewReason" IS NOT NULL)',
  // prisma/migrations/20261207130000_contact_search_words_paying: a payments search meets only contacts with payments.
  ContactSearchWord_paying_word_idx:
    'CREATE INDEX "ContactSearchWord_paying_word_idx" ON public."ContactSearchWord" USING btree ("organizationId", word, "previousWord", "contactId") WHERE paying',
};

const client = new pg.Client({ connectionString: process.env.DATABASE_URL });

function compare(options: CompareOptions = {}) {
  return compareSchemaWithDatabase(client, { sqlOnlyIndexes: SQL_ONLY_INDEXES, ...options });
}

beforeAll(async () => {
  await client.connect();
});

afterAll(async () => {
  await client.end();
});

function report(differences: string[]): string {
  return (
    `prisma/schema.prisma and prisma/migrations disagree (${differences.length} difference(s)).\n` +
    `Write a migration (or fix the schema) so that they match:\n` +
    differences.map((line) => `  - ${line}`).join("\n")
  );
}

test("the database built from the migrations matches schema.prisma", async () => {
  const differences = await compare();
  expect(differences, report(differences)).toEqual([]);
});

test("the comparator reports drift on the database side", async () => {
  await client.query("BEGIN");
  try {
    await client.query(`ALTER TABLE "Contact" ADD COLUMN "nickname" TEXT`);
    // (Contact.name and Contact.email can't change type while the search-word trigger watches them.)
    await client.query(`ALTER TABLE "Company" ALTER COLUMN "industry" TYPE TEXT`);
    await client.query(`ALTER TABLE "Organization" ALTER COLUMN "timezone" DROP NOT NULL`);
    await client.query(`ALTER TABLE "Tag" ALTER COLUMN "color" SET DEFAULT 'blue'`);
    await client.query(`ALTER TABLE "Product" DROP COLUMN "active"`);
    await client.query(`DROP INDEX "Session_expiresAt_idx"`);
    await client.query(`CREATE INDEX "Contact_phone_idx" ON "Contact"("phone")`);
    await client.query(`ALTER INDEX "User_email_key" RENAME TO "users_email_unique"`);
    await client.query(
      `ALTER TABLE "Membership" DROP CONSTRAINT "Membership_userId_fkey",
         ADD CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE`,
    );
    await client.query(`ALTER TYPE "Temperature" ADD VALUE 'LUKEWARM'`);
    await client.query(`CREATE TABLE "Stray" ("id" INTEGER PRIMARY KEY)`);

    const differences = await compare();
    expect(differences).toEqual(
      expect.arrayContaining([
        "Contact.nickname: column is in the database but not in the schema",
        "Company.industry: schema says VARCHAR(120) NULL, database has TEXT NULL",
        "Organization.timezone: schema says VARCHAR(64) NOT NULL DEFAULT 'Asia/Kolkata'::character varying, database has VARCHAR(64) NULL DEFAULT 'Asia/Kolkata'::character varying",
        "Tag.color: schema says VARCHAR(20) NOT NULL DEFAULT 'slate'::character varying, database has VARCHAR(20) NOT NULL DEFAULT 'blue'::character varying",
        "Product.active: column is in the schema (Product.active) but missing from the database",
        "Session: index Session_expiresAt_idx on (expiresAt) is in the schema but missing from the database",
        "Contact: index Contact_phone_idx on (phone) is in the database but not in the schema " +
          '(if Prisma cannot express it, list it as SQL-only: CREATE INDEX "Contact_phone_idx" ON public."Contact" USING btree (phone))',
        "User: unique index on (email) is named User_email_key in the schema but users_email_unique in the database",
        "Membership: foreign key (userId) → User(id): schema says ON DELETE CASCADE ON UPDATE CASCADE, database has ON DELETE RESTRICT ON UPDATE CASCADE",
        'Enum "Temperature": value LUKEWARM is in the database but not in the schema',
        'Table "Stray" is in the database but not in the schema',
      ]),
    );
    expect(differences, differences.join("\n")).toHaveLength(11);
  } finally {
    await client.query("ROLLBACK");
  }
  // The comparator itself leaves nothing behind.
  expect(await compare()).toEqual([]);
});

test("the comparator reports drift on the schema side", async () => {
  // New models the migrations know nothing about; they use default referential
  // actions, an implicit many-to-many relation, lists, operator classes and maps.
  const schema =
    readFileSync(SCHEMA_PATH, "utf8") +
    `
enum DriftProbeKind {
  A
  B @map("b")

  @@map("drift_probe_kind")
}

model DriftProbe {
  id               Int               @id @default(autoincrement())
  kind             DriftProbeKind    @default(B)
  code             String            @map("probe_code") @db.Char(3)
  data             Json              @default("{}")
  tags             String[]          @default(["a"])
  children         DriftProbeChild[] @relation("required")
  optionalChildren DriftProbeChild[] @relation("optional")
  friends          DriftProbeChild[]

  @@index([code(sort: Desc)])
  @@index([data(ops: JsonbPathOps)], type: Gin)
  @@map("drift_probe")
}

model DriftProbeChild {
  id               String      @id @db.Uuid
  parentId         Int
  optionalParentId Int?
  parent           DriftProbe  @relation("required", fields: [parentId], references: [id])
  optionalParent   DriftProbe? @relation("optional", fields: [optionalParentId], references: [id])
  friends          DriftProbe[]

  @@unique([parentId, id], map: "drift_probe_child_parent")
}
`;
  const differences = await compare({ schema });
  expect(differences).toEqual([
    'Enum "drift_probe_kind" is in the schema but missing from the database',
    'Table "drift_probe" (model DriftProbe) is in the schema but missing from the database',
    'Table "DriftProbeChild" (model DriftProbeChild) is in the schema but missing from the database',
    'Table "_DriftProbeToDriftProbeChild" (implicit many-to-many relation DriftProbeToDriftProbeChild) is in the schema but missing from the database',
  ]);

  // Once the tables exist as Prisma Migrate would create them, the two agree again.
  await client.query("BEGIN");
  try {
    await client.query(`
      CREATE TYPE "drift_probe_kind" AS ENUM ('A', 'b');
      CREATE TABLE "drift_probe" (
        "id" SERIAL NOT NULL,
        "kind" "drift_probe_kind" NOT NULL DEFAULT 'b',
        "probe_code" CHAR(3) NOT NULL,
        "data" JSONB NOT NULL DEFAULT '{}',
        "tags" TEXT[] DEFAULT ARRAY['a']::TEXT[],
        CONSTRAINT "drift_probe_pkey" PRIMARY KEY ("id")
      );
      CREATE TABLE "DriftProbeChild" (
        "id" UUID NOT NULL,
        "parentId" INTEGER NOT NULL,
        "optionalParentId" INTEGER,
        CONSTRAINT "DriftProbeChild_pkey" PRIMARY KEY ("id")
      );
      CREATE TABLE "_DriftProbeToDriftProbeChild" (
        "A" INTEGER NOT NULL,
        "B" UUID NOT NULL,
        CONSTRAINT "_DriftProbeToDriftProbeChild_AB_pkey" PRIMARY KEY ("A","B")
      );
      CREATE INDEX "drift_probe_probe_code_idx" ON "drift_probe"("probe_code" DESC);
      CREATE INDEX "drift_probe_data_idx" ON "drift_probe" USING GIN ("data" jsonb_path_ops);
      CREATE UNIQUE INDEX "drift_probe_child_parent" ON "DriftProbeChild"("parentId", "id");
      CREATE INDEX "_DriftProbeToDriftProbeChild_B_index" ON "_DriftProbeToDriftProbeChild"("B");
      ALTER TABLE "DriftProbeChild" ADD CONSTRAINT "DriftProbeChild_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "drift_probe"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
      ALTER TABLE "DriftProbeChild" ADD CONSTRAINT "DriftProbeChild_optionalParentId_fkey" FOREIGN KEY ("optionalParentId") REFERENCES "drift_probe"("id") ON DELETE SET NULL ON UPDATE CASCADE;
      ALTER TABLE "_DriftProbeToDriftProbeChild" ADD CONSTRAINT "_DriftProbeToDriftProbeChild_A_fkey" FOREIGN KEY ("A") REFERENCES "drift_probe"("id") ON DELETE CASCADE ON UPDATE CASCADE;
      ALTER TABLE "_DriftProbeToDriftProbeChild" ADD CONSTRAINT "_DriftProbeToDriftProbeChild_B_fkey" FOREIGN KEY ("B") REFERENCES "DriftProbeChild"("id") ON DELETE CASCADE ON UPDATE CASCADE;
    `);
    expect(await compare({ schema })).toEqual([]);

    // And a default referential action that differs is caught too.
    await client.query(`
      ALTER TABLE "DriftProbeChild" DROP CONSTRAINT "DriftProbeChild_optionalParentId_fkey",
        ADD CONSTRAINT "DriftProbeChild_optionalParentId_fkey" FOREIGN KEY ("optionalParentId") REFERENCES "drift_probe"("id") ON DELETE CASCADE ON UPDATE CASCADE;
    `);
    expect(await compare({ schema })).toEqual([
      "DriftProbeChild: foreign key (optionalParentId) → drift_probe(id): schema says ON DELETE SET NULL ON UPDATE CASCADE, database has ON DELETE CASCADE ON UPDATE CASCADE",
    ]);
  } finally {
    await client.query("ROLLBACK");
  }
});
