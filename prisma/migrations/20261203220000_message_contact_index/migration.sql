-- A contact's messages by the contact alone: deleting a contact cascades to its messages with
-- `WHERE "contactId" = $1`, and merging two contacts moves the duplicate's messages the same way.
-- Without it each deleted contact read every message of every organization.
-- CreateIndex
CREATE INDEX "Message_contactId_idx" ON "Message"("contactId");
