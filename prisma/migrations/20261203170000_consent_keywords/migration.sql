-- Per-organization consent words: the opt-out and opt-in words a whole inbound message is matched
-- against, and the confirmations sent when one moves consent. No row: the built-in defaults.

-- CreateTable
CREATE TABLE "ConsentKeywordSettings" (
    "organizationId" UUID NOT NULL,
    "optOutKeywords" TEXT[],
    "optInKeywords" TEXT[],
    "optOutConfirmation" VARCHAR(1000) NOT NULL,
    "optInConfirmation" VARCHAR(1000) NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ConsentKeywordSettings_pkey" PRIMARY KEY ("organizationId")
);

-- AddForeignKey
ALTER TABLE "ConsentKeywordSettings" ADD CONSTRAINT "ConsentKeywordSettings_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
