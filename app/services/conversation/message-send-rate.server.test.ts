// A sender's slots through the real limiter in PostgreSQL: the sends over the limit are told to wait
// for the window their place in line falls in, a window's worth at a time.
import { randomUUID } from "node:crypto";
import { expect, test } from "vitest";
import { sendWindow, takeSendSlot, waitForTurn } from "~/services/conversation/message-send-rate.server";

test("a window is a whole number of sends: 80/s, 2.5/s and one every two seconds", () => {
  expect(sendWindow(80)).toEqual({ points: 80, durationSeconds: 1 });
  expect(sendWindow(2.5)).toEqual({ points: 2, durationSeconds: 1 });
  expect(sendWindow(0.5)).toEqual({ points: 1, durationSeconds: 2 });
});

test("the sends beyond a window's slots are spread over the following windows by their place in line", () => {
  const window = { points: 10, durationSeconds: 1 };
  expect(waitForTurn(window, { consumedPoints: 11, msBeforeNext: 300 })).toBe(300);
  expect(waitForTurn(window, { consumedPoints: 20, msBeforeNext: 300 })).toBe(300);
  expect(waitForTurn(window, { consumedPoints: 21, msBeforeNext: 300 })).toBe(1_300);
  expect(waitForTurn(window, { consumedPoints: 35, msBeforeNext: 300 })).toBe(2_300);
  expect(waitForTurn({ points: 1, durationSeconds: 2 }, { consumedPoints: 4, msBeforeNext: 0 })).toBe(4_001);
});

test("with two slots a second, the third and fourth send wait for the next second and the fifth and sixth for the one after", async () => {
  const channel = { id: randomUUID(), kind: "SMS" as const, ratePerSecond: 2 };
  const slots = [];
  for (let n = 0; n < 6; n += 1) slots.push(await takeSendSlot(channel));
  expect(slots.slice(0, 2)).toEqual([{ granted: true }, { granted: true }]);
  const waits = slots.slice(2).map((slot) => (slot.granted ? -1 : slot.retryInMs));
  expect(waits.map((wait) => (wait > 0 && wait <= 1_000 ? "next second" : wait > 1_000 && wait <= 2_000 ? "the one after" : wait))).toEqual([
    "next second",
    "next second",
    "the one after",
    "the one after",
  ]);
  // Another sender's slots are its own.
  expect(await takeSendSlot({ ...channel, id: randomUUID() })).toEqual({ granted: true });
});
