// How far a message has got, and which way it may move. Delivery reports arrive late, twice or out
// of order (a "read" before its "delivered"); a message only ever moves forward, and a failure is
// final. Browser-safe: the chat's ticks read the same ranks.
export const MESSAGE_STATUSES = ["QUEUED", "SENDING", "SENT", "DELIVERED", "READ", "UNDELIVERED", "FAILED", "RECEIVED"] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/** Outbound progress; UNDELIVERED and FAILED share the last rank (terminal), RECEIVED is inbound only. */
export const MESSAGE_STATUS_RANK: Record<MessageStatus, number> = {
  QUEUED: 0,
  SENDING: 1,
  SENT: 2,
  DELIVERED: 3,
  READ: 4,
  UNDELIVERED: 5,
  FAILED: 5,
  RECEIVED: 0,
};

export function isTerminalStatus(status: MessageStatus): boolean {
  return status === "FAILED" || status === "UNDELIVERED";
}

/** Whether a message at `current` may take `next`: only to a higher rank, never out of a failure. */
export function canMoveTo(current: MessageStatus, next: MessageStatus): boolean {
  if (current === "RECEIVED" || next === "RECEIVED") return false;
  if (isTerminalStatus(current)) return false;
  return MESSAGE_STATUS_RANK[next] > MESSAGE_STATUS_RANK[current];
}

/** Twilio's MessageStatus values onto ours; null for one we don't track (e.g. "scheduled", "canceled" maps to FAILED). */
export function fromTwilioStatus(status: string): MessageStatus | null {
  switch (status) {
    case "accepted":
    case "queued":
    case "scheduled":
      return "QUEUED";
    case "sending":
      return "SENDING";
    case "sent":
      return "SENT";
    case "delivered":
      return "DELIVERED";
    case "read":
      return "READ";
    case "undelivered":
      return "UNDELIVERED";
    case "failed":
    case "canceled":
      return "FAILED";
    case "received":
    case "receiving":
      return "RECEIVED";
    default:
      return null;
  }
}
