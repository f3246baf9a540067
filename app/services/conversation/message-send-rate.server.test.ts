// A sender's slots through the real limiter in PostgreSQL: the sends over the limit are told to wait
// for the window their place in line falls in, a window's worth at a time.
import { randomUUID } from "node:crypto";
import { afterEach, expect, test } from "vitest";
import { setClock } from "~/utils/clock";
import { sendWindow, takeSendSlot, waitForTurn, windowIndex } from "~/services/conversation/message-send-rate.server";

let restoreClock = () => {};
afterEach(() => restoreClock());

test("a window is a whole number of sends: 80/s, 2.5/s and one every two seconds", () => {
  expect(sendWindow(80)).toEqual({ points: 80, durationSeconds: 1 });
  expect(sendWindow(2.5)).toEqual({ points: 2, durationSeconds: 1 });
  expect(sendWindow(0.5)).toEqual({ points: 1, durationSeconds: 2 });
});

test("the sends beyond a window's slots wait for the start of the window their place in line falls in", () => {
  const window = { points: 10, durationSeconds: 1 };
  // Refused 700 ms into window 5 (5,000–5,999 ms).
  const at = { index: 5, atMs: 5_700 };
  expect(waitForTurn(window, { ...at, consumedPoints: 11 })).toBe(300);
  expect(waitForTurn(window, { ...at, consumedPoints: 20 })).toBe(300);
  expect(waitForTurn(window, { ...at, consumedPoints: 21 })).toBe(1_300);
  expect(waitForTurn(window, { ...at, consumedPoints: 35 })).toBe(2_300);
  // One send every two seconds: the fourth in line waits three windows.
  const slow = { points: 1, durationSeconds: 2 };
  expect(windowIndex(slow, 9_000)).toBe(4);
  expect(waitForTurn(slow, { index: 4, atMs: 9_000, consumedPoints: 4 })).toBe(5_000);
});

test("with two slots a second, the third and fourth send wait for the next second and the fifth and sixth for the one after", async () => {
  const channel = { id: randomUUID(), kind: "SMS" as const, ratePerSecond: 2 };
  // At the start of a second, so that the six sends fall in one window.
  restoreClock = setClock(new Date(Math.ceil(Date.now() / 1_000) * 1_000 + 1_000));
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
