import { z } from "zod";
import { liveTopicSchema, MAX_LIVE_TOPICS } from "~/utils/live-event";

/** The topics a live-event stream asks for (`?topic=…` on /api/events, repeated). */
export const liveTopicsSchema = z.object({
  topics: z
    .array(liveTopicSchema)
    .min(1, { message: "Name at least one topic" })
    .max(MAX_LIVE_TOPICS, { message: `Listen to at most ${MAX_LIVE_TOPICS} topics at once` }),
});
export type LiveTopicsInput = z.output<typeof liveTopicsSchema>;
