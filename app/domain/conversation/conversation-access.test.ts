import { describe, expect, test } from "vitest";
import { canSeeConversation, canWorkConversation, conversationVisibility } from "./conversation-access";

const me = "11111111-1111-4111-8111-111111111111";
const other = "22222222-2222-4222-8222-222222222222";

describe("conversation access", () => {
  test("agents and viewers see their own and unassigned conversations, managers and above all", () => {
    expect(conversationVisibility({ role: "AGENT", userId: me })).toEqual({ kind: "mineOrUnassigned", userId: me });
    expect(conversationVisibility({ role: "VIEWER", userId: me })).toEqual({ kind: "mineOrUnassigned", userId: me });
    for (const role of ["MANAGER", "ADMIN", "OWNER"] as const) expect(conversationVisibility({ role, userId: me })).toEqual({ kind: "all" });
    for (const role of ["AGENT", "VIEWER"] as const) {
      expect(canSeeConversation({ role, userId: me }, { assigneeId: me })).toBe(true);
      expect(canSeeConversation({ role, userId: me }, { assigneeId: null })).toBe(true);
      expect(canSeeConversation({ role, userId: me }, { assigneeId: other })).toBe(false);
    }
    expect(canSeeConversation({ role: "MANAGER", userId: me }, { assigneeId: other })).toBe(true);
  });

  test("agents work their own and unassigned conversations, managers any, viewers none", () => {
    expect(canWorkConversation({ role: "AGENT", userId: me }, { assigneeId: null })).toBe(true);
    expect(canWorkConversation({ role: "AGENT", userId: me }, { assigneeId: me })).toBe(true);
    expect(canWorkConversation({ role: "AGENT", userId: me }, { assigneeId: other })).toBe(false);
    expect(canWorkConversation({ role: "MANAGER", userId: me }, { assigneeId: other })).toBe(true);
    expect(canWorkConversation({ role: "VIEWER", userId: me }, { assigneeId: me })).toBe(false);
  });
});
