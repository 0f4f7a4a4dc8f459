/**
 * Delivery against real local DynamoDB and SES, with 1,000 subscribers, when things go wrong on
 * the way: crashed consumers, throttling and server errors, duplicated queue messages, a
 * permanent refusal, a paused account. Every active reader still gets the digest exactly once.
 */
import { describe, expect, it } from "vitest";
import { createSes } from "@tidings/core/email/ses";
import { localQueue } from "@tidings/core/queue/local";
import { asConsume, createConsumer } from "@tidings/core/send/consumer";
import { fanOut } from "@tidings/core/send/fan-out";
import { sendInProcess } from "@tidings/core/send/in-process";
import { SendJob } from "@tidings/core/send/job";
import { TokenBucket } from "@tidings/core/send/pace";
import { claimSend, getSend, sendTotals } from "@tidings/core/store/sends";
import { quick, useDeliveryBed } from "../support/delivery.ts";
import { faultySes, type FaultPlan } from "../support/faulty-ses.ts";

const bed = useDeliveryBed();

describe("sending a digest, whatever happens on the way", () => {
  it("takes over claims left by a crashed consumer once they time out, and not before", async () => {
    const week = await bed.nextWeek();
    const now = Date.now();
    const timeout = 10 * 60_000;
    // Five claims a consumer took just now and five one that crashed 11 minutes ago never finished.
    for (const r of bed.active.slice(0, 5)) await claimSend(bed.ctx.db, week, r.id, now, timeout);
    for (const r of bed.active.slice(5, 10)) await claimSend(bed.ctx.db, week, r.id, now - 11 * 60_000, timeout);

    const first = await sendInProcess(bed.ctx, week, { ...quick, maxReceives: 2 });
    expect(first.sent).toBe(995); // the stale claims are taken over; the fresh ones are left alone
    expect(first.deadLetters).toBeGreaterThan(0);
    for (const r of bed.active.slice(0, 5)) expect((await getSend(bed.ctx.db, week, r.id))?.status).toBe("claimed");

    // Later, the fresh claims have timed out too: a rerun finishes them.
    const later = await sendInProcess(bed.ctx, week, {
      ...quick,
      delivery: { ...quick.delivery, now: () => now + 11 * 60_000 },
    });
    expect(later.sent).toBe(5);
    await bed.expectExactlyOnce(week);
  }, 120_000);

  it("loses and duplicates nothing when SES throttles and fails on the way", async () => {
    const week = await bed.nextWeek();
    const plan: FaultPlan = ({ n }) => (n % 3 === 0 ? "throttle" : n % 7 === 0 ? "server-error" : undefined);
    const proxy = await faultySes(bed.services.sesEndpoint, plan);
    try {
      const throttled = { ...bed.ctx, ses: createSes({ region: "us-east-1", endpoint: proxy.endpoint }) };
      const summary = await sendInProcess(throttled, week, quick);
      expect(proxy.stats.faults).toBeGreaterThan(300);
      expect(summary).toMatchObject({ sent: 1000, failed: 0, deadLetters: 0 });
      await bed.expectExactlyOnce(week);
    } finally {
      await proxy.close();
    }
  }, 120_000);

  it("loses and duplicates nothing when every queue message arrives twice", async () => {
    const week = await bed.nextWeek();
    const consume = asConsume(createConsumer(bed.ctx, { pace: new TokenBucket(Infinity), ...quick.delivery }));
    const queue = localQueue(consume, {
      schema: SendJob,
      concurrency: 4,
      maxReceives: 5,
      retryDelayMs: 5,
      log: bed.ctx.log,
    });
    const twice = { enqueue: async (jobs: Parameters<typeof queue.enqueue>[0]) => queue.enqueue([...jobs, ...jobs]) };
    expect(await fanOut(bed.ctx, week, twice)).toEqual({ recipients: 1000, jobs: 20 });
    await queue.drained();
    await bed.expectExactlyOnce(week);
  }, 120_000);

  it("records a permanent refusal once, counts it, and never retries it", async () => {
    const week = await bed.nextWeek();
    const refused = bed.active[42]!;
    let attempts = 0;
    const proxy = await faultySes(bed.services.sesEndpoint, ({ to }) =>
      to.includes(refused.email) && ++attempts ? "reject" : undefined,
    );
    try {
      const viaProxy = { ...bed.ctx, ses: createSes({ region: "us-east-1", endpoint: proxy.endpoint }) };
      const summary = await sendInProcess(viaProxy, week, quick);
      expect(summary).toMatchObject({ sent: 999, failed: 1, deadLetters: 0 });
      expect(await getSend(bed.ctx.db, week, refused.id)).toMatchObject({
        status: "failed",
        error: expect.stringContaining("MessageRejected"),
      });
      expect((await sendInProcess(viaProxy, week, quick)).failed).toBe(0);
      expect(attempts).toBe(1);
    } finally {
      await proxy.close();
    }
  }, 120_000);

  it("stops when SES pauses the account, and finishes when run again", async () => {
    const week = await bed.nextWeek();
    let paused = true;
    const proxy = await faultySes(bed.services.sesEndpoint, ({ n }) => (paused && n > 400 ? "paused" : undefined));
    try {
      const viaProxy = { ...bed.ctx, ses: createSes({ region: "us-east-1", endpoint: proxy.endpoint }) };
      await expect(sendInProcess(viaProxy, week, { ...quick, maxReceives: 1 })).rejects.toThrow("SES refuses to send");
      const partial = await sendTotals(bed.ctx.db, week);
      expect(partial.sent).toBeLessThan(1000);
      expect(partial.claimed).toBe(0); // every claim was given back
      paused = false; // the account is back
      await sendInProcess(viaProxy, week, quick);
      await bed.expectExactlyOnce(week);
    } finally {
      await proxy.close();
    }
  }, 120_000);
});
