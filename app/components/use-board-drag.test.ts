import { describe, expect, test } from "vitest";
import { edgeSpeed } from "~/components/use-board-drag";

describe("board auto-scroll near the edges", () => {
  test("a wide board scrolls at full speed at its very edge, slower further in, not at all in the middle", () => {
    expect(edgeSpeed(0, 1280, 1280)).toBe(-16);
    expect(edgeSpeed(1280, 0, 1280)).toBe(16);
    expect(Math.abs(edgeSpeed(24, 1256, 1280))).toBeLessThan(16);
    expect(edgeSpeed(640, 640, 1280)).toBe(0);
    expect(edgeSpeed(48, 1232, 1280)).toBe(0);
  });

  test("on a 360 px phone the zone is narrower and the speed lower, so the next column can be reached", () => {
    // 40 px in from the edge is still "over the column", not a request to scroll.
    expect(edgeSpeed(320, 40, 360)).toBe(0);
    expect(edgeSpeed(340, 20, 360)).toBeGreaterThan(0);
    expect(edgeSpeed(360, 0, 360)).toBeLessThanOrEqual(6);
    expect(edgeSpeed(0, 360, 360)).toBeGreaterThanOrEqual(-6);
  });
});
