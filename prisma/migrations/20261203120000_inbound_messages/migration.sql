-- Inbound messages: an email's subject and sanitized HTML, and flags the chat points out
-- (an opt-out word as the whole message, or inside a longer one).

-- AlterTable
ALTER TABLE "Message" ADD COLUMN "subject" VARCHAR(998),
ADD COLUMN "html" TEXT,
ADD COLUMN "flags" JSONB NOT NULL DEFAULT '[]';
