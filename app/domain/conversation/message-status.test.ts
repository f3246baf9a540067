import { describe, expect, test } from "vitest";
import { canMoveTo, fromTwilioStatus, MESSAGE_STATUSES, type MessageStatus } from "~/domain/conversation/message-status";

describe("message status order", () => {
  test("moves forward only: sent → delivered → read, never back", () => {
    expect(canMoveTo("QUEUED", "SENT")).toBe(true);
    expect(canMoveTo("SENT", "READ")).toBe(true);
    expect(canMoveTo("READ", "DELIVERED")).toBe(false);
    expect(canMoveTo("DELIVERED", "DELIVERED")).toBe(false);
  });

  test("a failure is final, and can come after any progress", () => {
    expect(canMoveTo("DELIVERED", "FAILED")).toBe(true);
    expect(canMoveTo("FAILED", "READ")).toBe(false);
    expect(canMoveTo("UNDELIVERED", "FAILED")).toBe(false);
  });

  test("whatever order a set of reports arrives in, the furthest one wins", () => {
    const reports: MessageStatus[] = ["SENT", "QUEUED", "READ", "DELIVERED", "SENDING", "READ"];
    for (let shift = 0; shift < reports.length; shift++) {
      const order = [...reports.slice(shift), ...reports.slice(0, shift)];
      const final = order.reduce<MessageStatus>((current, next) => (canMoveTo(current, next) ? next : current), "QUEUED");
      expect(final).toBe("READ");
    }
  });

  test("inbound messages are RECEIVED and never move", () => {
    for (const status of MESSAGE_STATUSES) expect(canMoveTo("RECEIVED", status)).toBe(false);
  });

  test("Twilio's words map onto ours", () => {
    expect(fromTwilioStatus("delivered")).toBe("DELIVERED");
    expect(fromTwilioStatus("canceled")).toBe("FAILED");
    expect(fromTwilioStatus("something-new")).toBeNull();
  });
});
