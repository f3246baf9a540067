-- The inbox's unread counts, round-robin assignment (who is available, who was assigned last) and
-- the notifications centre.

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN "autoAssignConversations" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "Membership" ADD COLUMN "available" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN "lastAssignedAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "Notification" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organizationId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "kind" VARCHAR(40) NOT NULL,
    "title" VARCHAR(200) NOT NULL,
    "body" VARCHAR(500) NOT NULL DEFAULT '',
    "url" VARCHAR(500) NOT NULL,
    "coalesceKey" VARCHAR(200),
    "readAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Notification_organizationId_userId_updatedAt_id_idx" ON "Notification"("organizationId", "userId", "updatedAt", "id");

-- A user's unread notifications (the bell's count), at most one unread per coalesce key.
CREATE UNIQUE INDEX "Notification_organizationId_userId_coalesceKey_unread_key" ON "Notification"("organizationId", "userId", "coalesceKey") WHERE "readAt" IS NULL;

-- The inbox's unread counts per view (mine, unassigned, all) read only conversations with unread messages.
CREATE INDEX "Conversation_organizationId_assigneeId_unread_idx" ON "Conversation"("organizationId", "assigneeId") WHERE "unreadCount" > 0;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
