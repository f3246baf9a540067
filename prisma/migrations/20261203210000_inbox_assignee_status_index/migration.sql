-- An assignee's (or the unassigned) conversations in one status, newest activity first: the inbox's
-- Mine and Unassigned views with a status filter walk one ordered range instead of filtering the view.
-- CreateIndex
CREATE INDEX "Conversation_organizationId_assigneeId_status_lastMessageAt_idx" ON "Conversation"("organizationId", "assigneeId", "status", "lastMessageAt", "id");
