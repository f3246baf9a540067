-- Secondary phones and emails: what a contact merged into another leaves behind
-- when the survivor keeps its own, so the survivor is still found by them.
-- CreateEnum
CREATE TYPE "ContactIdentityKind" AS ENUM ('PHONE', 'EMAIL');

-- CreateTable
CREATE TABLE "ContactIdentity" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organizationId" UUID NOT NULL,
    "contactId" UUID NOT NULL,
    "kind" "ContactIdentityKind" NOT NULL,
    "value" VARCHAR(254) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ContactIdentity_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ContactIdentity_organizationId_contactId_idx" ON "ContactIdentity"("organizationId", "contactId");

-- CreateIndex
CREATE UNIQUE INDEX "ContactIdentity_organizationId_kind_value_key" ON "ContactIdentity"("organizationId", "kind", "value");

-- AddForeignKey
ALTER TABLE "ContactIdentity" ADD CONSTRAINT "ContactIdentity_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ContactIdentity" ADD CONSTRAINT "ContactIdentity_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Indexes Prisma's schema language cannot express (listed in the drift test).
-- A secondary phone with the same last 10 digits, like the contact's own phone.
CREATE INDEX "ContactIdentity_organizationId_phone_reversed_idx" ON "ContactIdentity"("organizationId", reverse("value") text_pattern_ops)
    WHERE "kind" = 'PHONE';

-- Possible duplicates by a similar name: trigram distance, nearest first, within
-- one organization (btree_gist lets the GiST index lead with organizationId).
-- Nearest-first (<->) with LIMIT stops after the first matches, where a GIN index
-- would recheck every row sharing a trigram (thousands for a common name).
-- pg_trgm skips letters outside ASCII in the C locale, so a name written only
-- in Devanagari has no trigrams; those are matched by exact lowercased name
-- through Contact_organizationId_name_lower_idx instead.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE INDEX "Contact_organizationId_name_similarity_idx" ON "Contact" USING GIST ("organizationId", lower("name") gist_trgm_ops(siglen = 64));
