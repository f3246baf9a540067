import { z } from "zod";

export const FOLLOW_UP_VIEWS = ["today", "overdue", "upcoming"] as const;
export type FollowUpView = (typeof FOLLOW_UP_VIEWS)[number];
export const FOLLOW_UP_LIST_LIMIT = 100;

export const listFollowUpsSchema = z.object({
  view: z.enum(FOLLOW_UP_VIEWS, { message: "Show today, overdue or upcoming" }),
  /** Default: "me" for agents and viewers, "all" for managers and above. */
  assignee: z.enum(["me", "all"], { message: "Show mine or everyone's" }).optional(),
});
export type ListFollowUpsInput = z.output<typeof listFollowUpsSchema>;
