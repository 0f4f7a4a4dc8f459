/** A digest's delivery counters, against real dynalite: concurrent writers add up, nobody overwrites. */
import { afterAll, beforeAll, expect, it } from "vitest";
import { addDigestStats, getDigestStats } from "@tidings/core/store/digest-stats";
import { getDigest, listDigests } from "@tidings/core/store/digests";
import { startTestServices, type TestServices } from "../support/services.ts";
import { storeDigest } from "../support/sending.ts";

let services: TestServices;
beforeAll(async () => (services = await startTestServices()));
afterAll(() => services.close());

const zero = { sent: 0, failed: 0, skipped: 0, bounced: 0, softBounced: 0, complained: 0, unsubscribed: 0 };

it("reads zeros for a digest nothing was counted for", async () => {
  expect(await getDigestStats(services.ctx.db, "2026-W01")).toEqual(zero);
});

it("adds what concurrent writers count, and leaves the digest and the archive as they were", async () => {
  const { db } = services.ctx;
  const digest = await storeDigest(db, "2026-W20");
  await Promise.all([
    ...Array.from({ length: 20 }, () => addDigestStats(db, "2026-W20", { sent: 2, skipped: 1 })),
    addDigestStats(db, "2026-W20", { bounced: 1, complained: 1 }),
    addDigestStats(db, "2026-W20", { failed: 0 }), // nothing to add: no write at all
  ]);
  expect(await getDigestStats(db, "2026-W20")).toEqual({ ...zero, sent: 40, skipped: 20, bounced: 1, complained: 1 });
  expect((await getDigest(db, "2026-W20"))?.html).toBe(digest.html);
  expect((await listDigests(db)).map((d) => d.week)).toEqual(["2026-W20"]);
});
