// What a follow-up asks the agent to do. Browser-safe.
export const FOLLOW_UP_KINDS = ["CALL", "MESSAGE"] as const;
export type FollowUpKind = (typeof FOLLOW_UP_KINDS)[number];
