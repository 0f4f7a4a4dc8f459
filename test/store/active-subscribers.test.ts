import { describe, expect, it } from "vitest";
import { listActiveSubscribers } from "@tidings/core/store/active-subscribers";
import { activeShard, ACTIVE_SHARDS } from "@tidings/core/store/keys";
import { claimConfirmation } from "@tidings/core/store/signup-claims";
import { activateSubscriber, unsubscribeSubscriber } from "@tidings/core/store/subscriber-state";
import { EmailAddress } from "@tidings/core/subscription/address";
import { idWithKey } from "@tidings/core/subscription/id";
import type { Consent } from "@tidings/core/subscription/subscriber";

/** The store takes ids as given: any id key will do here. */
const idKey = Buffer.alloc(32, 7);
import { startTestServices } from "../support/services.ts";

const TEN_MINUTES = 10 * 60 * 1000;
const THIRTY_DAYS = 30 * 24 * 60 * 60 * 1000;
const t0 = new Date("2026-05-18T09:00:00Z");
const consent = (when: Date): Consent => ({
  at: when.toISOString(),
  clientAddress: "203.0.113.9",
  userAgent: "test",
  form: "home",
});
const confirmation = (when: Date) => ({ at: when.toISOString(), clientAddress: "203.0.113.9", userAgent: "test" });

describe("listing active subscribers", () => {
  it("yields every active subscriber once, in pages, from every shard", async () => {
    const fresh = await startTestServices();
    try {
      const d = fresh.ctx.db;
      const readers = Array.from({ length: 150 }, (_, i) => {
        const email = EmailAddress.parse(`list${i}@example.com`);
        return { id: idWithKey(idKey, email), email };
      });
      await Promise.all(
        readers.map((r) =>
          claimConfirmation(d, {
            ...r,
            consent: consent(t0),
            now: t0,
            resendAfterMs: TEN_MINUTES,
            expiresAfterMs: THIRTY_DAYS,
          }),
        ),
      );
      const active = readers.filter((_, i) => i % 3 !== 0);
      await Promise.all(active.map((r) => activateSubscriber(d, r.id, confirmation(t0))));
      await unsubscribeSubscriber(d, active[0]!.id, t0);
      const expected = active
        .slice(1)
        .map((r) => r.id)
        .sort();

      const pages: string[][] = [];
      for await (const page of listActiveSubscribers(d, { pageSize: 4 })) pages.push(page.map((s) => s.id));
      expect(pages.every((p) => p.length >= 1 && p.length <= 4)).toBe(true);
      expect(pages.flat().sort()).toEqual(expected);

      const shards = new Set(expected.map(activeShard));
      expect(shards.size).toBeGreaterThan(ACTIVE_SHARDS / 2);

      // One worker per shard sees a disjoint part; together, everyone.
      const perShard = await Promise.all(
        [...Array(ACTIVE_SHARDS).keys()].map(async (shard) => {
          const ids: string[] = [];
          for await (const page of listActiveSubscribers(d, { pageSize: 50, shards: [shard] }))
            ids.push(...page.map((s) => s.id));
          expect(ids.every((id) => activeShard(id) === shard)).toBe(true);
          return ids;
        }),
      );
      expect(perShard.flat().sort()).toEqual(expected);

      const first = await listActiveSubscribers(d, { pageSize: 10 }).next();
      expect(first.value?.[0]).toEqual({
        id: expect.stringMatching(/^sub_/),
        email: expect.stringMatching(/@example\.com$/),
      });
    } finally {
      await fresh.close();
    }
  });
});
