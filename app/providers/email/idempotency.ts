// Turns an email's idempotency key into a stable id, so a retried send can be recognised.
import { createHash } from "node:crypto";

export function idempotencyDigest(organizationId: string | null, key: string, length = 32): string {
  return createHash("sha256").update(`${organizationId ?? "-"}:${key}`).digest("hex").slice(0, length);
}
