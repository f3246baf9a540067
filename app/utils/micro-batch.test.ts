import { describe, expect, test } from "vitest";
import { createMicroBatcher, type BatchResults } from "~/utils/micro-batch";

describe("createMicroBatcher", () => {
  test("the first call goes alone; calls made while it runs go together next, each with its own result", async () => {
    const batches: number[][] = [];
    const batcher = createMicroBatcher<number, string>(
      async (keys) => {
        batches.push(keys);
        await new Promise((resolve) => setTimeout(resolve, 5));
        const results: BatchResults<number, string> = new Map();
        for (const key of keys) results.set(key, key === 3 ? { ok: false, error: new Error("three refused") } : { ok: true, value: `#${key}` });
        return results;
      },
      { maxBatch: 10, maxInFlight: 1 },
    );
    const settled = await Promise.allSettled([1, 2, 3, 4].map((key) => batcher.add(key)));
    expect(batches).toEqual([[1], [2, 3, 4]]);
    expect(settled.map((result) => (result.status === "fulfilled" ? result.value : (result.reason as Error).message))).toEqual(["#1", "#2", "three refused", "#4"]);
    expect(batcher.inFlight()).toBe(0);
  });

  test("a batch that throws rejects each of its calls; a missing result rejects that call only", async () => {
    const batcher = createMicroBatcher<string, number>(
      async (keys) => {
        if (keys.includes("boom")) throw new Error("database gone");
        return new Map(keys.filter((key) => key !== "lost").map((key) => [key, { ok: true as const, value: key.length }]));
      },
      { maxBatch: 2, maxInFlight: 2 },
    );
    await expect(batcher.add("boom")).rejects.toThrow("database gone");
    const [kept, lost] = await Promise.allSettled([batcher.add("kept"), batcher.add("lost")]);
    expect(kept).toEqual({ status: "fulfilled", value: 4 });
    expect(lost.status).toBe("rejected");
  });

  test("gathering the same turn: calls made together go in one batch, later ones in the next", async () => {
    const batches: number[][] = [];
    const batcher = createMicroBatcher<number, number>(
      async (keys) => {
        batches.push(keys);
        await new Promise((resolve) => setTimeout(resolve, 5));
        return new Map(keys.map((key) => [key, { ok: true as const, value: key * 2 }]));
      },
      { maxBatch: 10, maxInFlight: 1, gatherSameTurn: true },
    );
    const first = Promise.all([1, 2, 3].map((key) => batcher.add(key)));
    await new Promise((resolve) => setImmediate(resolve));
    const second = Promise.all([4, 5].map((key) => batcher.add(key)));
    expect(await first).toEqual([2, 4, 6]);
    expect(await second).toEqual([8, 10]);
    expect(batches).toEqual([[1, 2, 3], [4, 5]]);
  });
});
