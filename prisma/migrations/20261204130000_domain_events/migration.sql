-- Domain events: what automations start from (PAYMENT_RECEIVED first), one per kind and subject.


-- CreateTable
CREATE TABLE "DomainEvent" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "organizationId" UUID NOT NULL,
    "kind" VARCHAR(40) NOT NULL,
    "subjectId" UUID NOT NULL,
    "contactId" UUID,
    "data" JSONB NOT NULL DEFAULT '{}',
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DomainEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DomainEvent_organizationId_kind_subjectId_key" ON "DomainEvent"("organizationId", "kind", "subjectId");
CREATE INDEX "DomainEvent_organizationId_createdAt_idx" ON "DomainEvent"("organizationId", "createdAt");

-- AddForeignKey
ALTER TABLE "DomainEvent" ADD CONSTRAINT "DomainEvent_organizationId_fkey" FOREIGN KEY ("organizationId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "DomainEvent" ADD CONSTRAINT "DomainEvent_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact"("id") ON DELETE CASCADE ON UPDATE CASCADE;
