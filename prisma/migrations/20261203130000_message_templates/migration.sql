-- Message templates (named variables, approval status, Twilio content SID) and the template a
-- message was sent from.

-- CreateEnum
CREATE TYPE "MessageTemplateCategory" AS ENUM ('MARKETING', 'UTILITY', 'AUTHENTICATION');
CREATE TYPE "MessageTemplateStatus" AS ENUM ('DRAFT', 'PENDING', 'APPROVED', 'REJECTED');

-- CreateTable
CREATE TABLE "MessageTemplate" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organizationId" UUID NOT NULL,
    "name" VARCHAR(120) NOT NULL,
    "channelKind" "ChannelKind" NOT NULL,
    "language" VARCHAR(20) NOT NULL DEFAULT 'en',
    "category" "MessageTemplateCategory" NOT NULL DEFAULT 'UTILITY',
    "body" TEXT NOT NULL,
    "approvalStatus" "MessageTemplateStatus" NOT NULL DEFAULT 'DRAFT',
    "contentSid" VARCHAR(34),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "MessageTemplate_pkey" PRIMARY KEY ("id")
);

-- AlterTable
ALTER TABLE "Message" ADD COLUMN "templateId" UUID,
ADD COLUMN "templateVariables" JSONB;

-- CreateIndex
CREATE UNIQUE INDEX "MessageTemplate_organizationId_channelKind_name_language_key" ON "MessageTemplate"("organizationId", "channelKind", "name", "language");

-- AddForeignKey
ALTER TABLE "MessageTemplate" ADD CONSTRAINT "MessageTemplate_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "Message" ADD CONSTRAINT "Message_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "MessageTemplate"("id") ON DELETE SET NULL ON UPDATE CASCADE;
