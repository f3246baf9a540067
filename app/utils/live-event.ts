// Events sent to browsers over /api/events. Later features add contact,
// message and payment events here.
export type LiveEvent =
  | { type: "member.joined"; membershipId: string; name: string }
  | { type: "member.updated"; membershipId: string }
  | { type: "outbox.created"; outboxId: string }
  | { type: "reconnected" };

export type LiveEventType = LiveEvent["type"];
