// The shapes contact components render: procedure outputs as they arrive in
// the browser (dates as strings).
import type { SerializeFrom } from "@remix-run/node";
import type { getContactHandler } from "~/trpc/routers/contact/get.handler";
import type { timelineHandler } from "~/trpc/routers/contact/timeline.handler";
import type { duplicatesHandler } from "~/trpc/routers/contact/duplicates.handler";
import type { formOptionsHandler } from "~/trpc/routers/contact/form-options.handler";

export type ContactProfile = SerializeFrom<Awaited<ReturnType<typeof getContactHandler>>>;
export type ContactTimelinePage = SerializeFrom<Awaited<ReturnType<typeof timelineHandler>>>;
export type ContactDuplicates = SerializeFrom<Awaited<ReturnType<typeof duplicatesHandler>>>;
export type ContactFormOptions = SerializeFrom<Awaited<ReturnType<typeof formOptionsHandler>>>;
