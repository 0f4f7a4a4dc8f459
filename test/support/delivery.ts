/**
 * The delivery tests' world: real local DynamoDB and SES, 1,000 active readers and 40 who must
 * get nothing (pending, unsubscribed, suppressed), a fresh stored digest per test, and the check
 * that every active reader has exactly one copy.
 */
import { afterAll, beforeAll, beforeEach, expect } from "vitest";
import type { Context } from "@tidings/core/context";
import type { InProcessOptions } from "@tidings/core/send/in-process";
import { getDigest } from "@tidings/core/store/digests";
import { sendTotals } from "@tidings/core/store/sends";
import { startTestServices, type SentEmail, type TestServices } from "./services.ts";
import { addReaders, storeDigest, type Reader } from "./sending.ts";

/** Fast retries: the tests are about what is sent, not about waiting. */
export const quick: InProcessOptions = { retryDelayMs: 5, delivery: { backoff: { baseMs: 1, capMs: 4 } } };

export const header = (mail: SentEmail, name: string) => mail.headers?.find((h) => h.name === name)?.value;

/** Starts the world before the file's tests, stops it after, and empties the mailbox before each. */
export function useDeliveryBed() {
  let services: TestServices | undefined;
  let readers: Reader[] = [];
  let active: Reader[] = [];
  let weeks = 9;

  beforeAll(async () => {
    services = await startTestServices();
    active = await addReaders(services.ctx, 1000, "reader");
    readers = [
      ...active,
      ...(await addReaders(services.ctx, 15, "pending", "pending")),
      ...(await addReaders(services.ctx, 15, "left", "unsubscribed")),
      ...(await addReaders(services.ctx, 10, "bounced", "suppressed")),
    ];
  }, 120_000);
  afterAll(() => services?.close());
  beforeEach(() => services?.clearMailbox());

  const bed = {
    get services(): TestServices {
      if (!services) throw new Error("the delivery bed is not started");
      return services;
    },
    get ctx(): Context {
      return bed.services.ctx;
    },
    /** The 1,000 readers who should get a copy. */
    get active() {
      return active;
    },
    /** Each test sends its own week's digest, so send records never carry over between tests. */
    nextWeek: async () => (await storeDigest(bed.ctx.db, `2026-W${++weeks}`)).week,
    async digestOf(week: string) {
      const digest = await getDigest(bed.ctx.db, week);
      if (!digest) throw new Error(`no digest of ${week}`);
      return digest;
    },
    /** Every active reader has exactly one copy; nobody else has any. */
    async expectExactlyOnce(week: string) {
      const { subject } = await bed.digestOf(week);
      const counts = new Map<string, number>();
      for (const mail of (await bed.services.mailbox()).filter((m) => m.subject === subject)) {
        for (const to of mail.destination.to) counts.set(to, (counts.get(to) ?? 0) + 1);
      }
      const wrong = readers.filter((r) => (counts.get(r.email) ?? 0) !== (r.fate === "active" ? 1 : 0));
      expect(wrong.map((r) => `${r.email}: ${counts.get(r.email) ?? 0}`)).toEqual([]);
      expect(await sendTotals(bed.ctx.db, week)).toEqual({ claimed: 0, sent: active.length, failed: 0 });
    },
  };
  return bed;
}
