// Watches an organization's live events in a test, as a browser on the organization's topic would.
import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import { prisma } from "~/utils/db.server";
import { liveEventHub, publishLiveEvent } from "~/services/live-events.server";
import type { LiveEvent } from "~/utils/live-event";

export async function watchLiveEvents(organizationId: string) {
  const received: LiveEvent[] = [];
  const unsubscribe = await liveEventHub().subscribe(organizationId, (event) => received.push(event));
  const isMarker = (event: LiveEvent, marker: string) => event.type === "outbox.created" && event.outboxId === marker;
  return {
    /**
     * Everything published (and committed) before the call. A marker published afterwards has
     * come through, and PostgreSQL delivers notifications in commit order.
     */
    async settled(): Promise<LiveEvent[]> {
      const marker = randomUUID();
      await publishLiveEvent(prisma, organizationId, { type: "outbox.created", outboxId: marker });
      await expect.poll(() => received.some((event) => isMarker(event, marker))).toBe(true);
      const settled = received.filter((event) => !isMarker(event, marker));
      received.length = 0;
      return settled;
    },
    unsubscribe,
  };
}
