// Events sent to browsers over /api/events. Later features add contact,
// message and payment events here.
export type LiveEvent =
  | { type: "member.joined"; membershipId: string; name: string }
  | { type: "member.updated"; membershipId: string }
  | { type: "outbox.created"; outboxId: string }
  | { type: "contact.changed"; contactIds: string[] }
  | { type: "contacts.bulkChanged"; operationId: string }
  | { type: "bulk.progress"; operationId: string; processed: number; total: number; status: string }
  | { type: "import.progress"; importId: string; processedRows: number; totalRows: number; status: string }
  | { type: "deal.changed"; dealId: string }
  | { type: "dealStage.changed" }
  | { type: "company.changed"; companyId: string }
  | { type: "followUp.changed"; followUpId: string }
  | { type: "reconnected" };

export type LiveEventType = LiveEvent["type"];
