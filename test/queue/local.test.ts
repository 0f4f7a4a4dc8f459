import { describe, expect, it } from "vitest";
import { localQueue, type SendJob } from "@tidings/core/send/queue";

const job = (n: number): SendJob => ({ week: "2026-W20", subscriberIds: [`sub_${n}`] });

describe("the local send queue", () => {
  it("consumes every job with bounded concurrency", async () => {
    let running = 0;
    let peak = 0;
    const seen: string[] = [];
    const queue = localQueue(
      async (j) => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 2));
        seen.push(j.subscriberIds[0]!);
        running--;
        return "done";
      },
      { concurrency: 3, maxReceives: 3, retryDelayMs: 1 },
    );
    await queue.enqueue(Array.from({ length: 20 }, (_, i) => job(i)));
    await queue.drained();
    expect(seen.sort()).toEqual(Array.from({ length: 20 }, (_, i) => `sub_${i}`).sort());
    expect(peak).toBe(3);
  });

  it("delivers a job again when the consumer asks, and dead-letters it after maxReceives", async () => {
    const receives = new Map<string, number>();
    const queue = localQueue(
      async (j) => {
        const id = j.subscriberIds[0]!;
        receives.set(id, (receives.get(id) ?? 0) + 1);
        if (id === "sub_1") return receives.get(id)! < 3 ? "retry" : "done";
        if (id === "sub_2") return "retry";
        return "done";
      },
      { concurrency: 2, maxReceives: 4, retryDelayMs: 1 },
    );
    await queue.enqueue([job(0), job(1), job(2)]);
    await queue.drained();
    expect(Object.fromEntries(receives)).toEqual({ sub_0: 1, sub_1: 3, sub_2: 4 });
    expect(queue.deadLetters).toEqual([job(2)]);
  });

  it("reports a consumer that throws, after retrying its job", async () => {
    const queue = localQueue(
      async () => {
        throw new Error("bug");
      },
      { concurrency: 1, maxReceives: 2, retryDelayMs: 1 },
    );
    await queue.enqueue([job(0)]);
    await expect(queue.drained()).rejects.toThrow("bug");
    expect(queue.deadLetters).toEqual([job(0)]);
  });
});
