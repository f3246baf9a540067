-- Who saved a deal's current version, so a refused stale save can name them.
-- AlterTable
ALTER TABLE "Deal" ADD COLUMN     "updatedById" UUID;

-- AddForeignKey
ALTER TABLE "Deal" ADD CONSTRAINT "Deal_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- A deal's own history (its page) is the timeline events that name it. Only
-- those rows are indexed; Prisma's schema language cannot express an index on
-- a JSON path, so this one lives in SQL only (listed in the drift test).
CREATE INDEX "ContactEvent_organizationId_dealId_idx" ON "ContactEvent"("organizationId", ("data" ->> 'dealId'), "createdAt")
    WHERE ("data" ->> 'dealId') IS NOT NULL;
