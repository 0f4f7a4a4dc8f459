import { describe, expect, it } from "vitest";
import { log } from "@tidings/core/log";
import { localQueue, type LocalQueueOptions } from "@tidings/core/queue/local";
import type { Consume } from "@tidings/core/queue/queue";
import { SendJob } from "@tidings/core/send/job";
import { recordingLog } from "../support/log.ts";

const job = (n: number): SendJob => ({ week: "2026-W20", subscriberIds: [`sub_${n}`] });
const queueOf = (consume: Consume<SendJob>, options: Partial<LocalQueueOptions<SendJob>>) =>
  localQueue(consume, { schema: SendJob, concurrency: 1, maxReceives: 3, retryDelayMs: 1, log: log(), ...options });

describe("the local queue", () => {
  it("consumes every message with bounded concurrency", async () => {
    let running = 0;
    let peak = 0;
    const seen: string[] = [];
    const queue = queueOf(
      async (j) => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 2));
        seen.push(j.subscriberIds[0]!);
        running--;
        return "done";
      },
      { concurrency: 3 },
    );
    await queue.enqueue(Array.from({ length: 20 }, (_, i) => job(i)));
    await queue.drained();
    expect(seen.sort()).toEqual(Array.from({ length: 20 }, (_, i) => `sub_${i}`).sort());
    expect(peak).toBe(3);
  });

  it("delivers a message again when the consumer asks, and dead-letters it after maxReceives", async () => {
    const receives = new Map<string, number>();
    const queue = queueOf(
      async (j) => {
        const id = j.subscriberIds[0]!;
        receives.set(id, (receives.get(id) ?? 0) + 1);
        if (id === "sub_1") return receives.get(id)! < 3 ? "retry" : "done";
        if (id === "sub_2") return "retry";
        return "done";
      },
      { concurrency: 2, maxReceives: 4 },
    );
    await queue.enqueue([job(0), job(1), job(2)]);
    await queue.drained();
    expect(Object.fromEntries(receives)).toEqual({ sub_0: 1, sub_1: 3, sub_2: 4 });
    expect(queue.deadLetters).toEqual([job(2)]);
  });

  it("reports a consumer that throws, after retrying its message", async () => {
    const queue = queueOf(
      async () => {
        throw new Error("bug");
      },
      { maxReceives: 2 },
    );
    await queue.enqueue([job(0)]);
    await expect(queue.drained()).rejects.toThrow("bug");
    expect(queue.deadLetters).toEqual([job(0)]);
  });

  it("dead-letters a message that does not fit its schema at once, never handing it to the consumer", async () => {
    const consumed: SendJob[] = [];
    const log = recordingLog();
    const queue = queueOf(async (j) => (consumed.push(j), "done"), { log });
    const malformed = [
      { week: "last week", subscriberIds: ["sub_1"] },
      { week: "2026-W20", subscriberIds: "sub_1" },
      { week: "2026-W20", subscriberIds: [] },
    ] as unknown as SendJob[];
    await queue.enqueue([...malformed, job(7)]);
    await queue.drained();
    expect(consumed).toEqual([job(7)]);
    expect(queue.deadLetters).toEqual(malformed);
    expect(log.entries.map((e) => [e.level, e.fields.reason])).toEqual([
      ["error", "week: not an ISO week"],
      ["error", "subscriberIds: Invalid input: expected array, received string"],
      ["error", "subscriberIds: Too small: expected array to have >=1 items"],
    ]);
  });
});
