import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimSend, finishSend, getSend, releaseSend, sendTotals } from "@tidings/core/store/sends";
import { startTestServices, type TestServices } from "../support/services.ts";

let services: TestServices;
beforeAll(async () => (services = await startTestServices()));
afterAll(() => services.close());

const TIMEOUT = 60_000;

describe("send records", () => {
  it("let exactly one of many concurrent consumers claim a recipient", async () => {
    const { db } = services.ctx;
    const claims = await Promise.all(
      Array.from({ length: 8 }, () => claimSend(db, "2026-W20", "sub_a", 1_000, TIMEOUT)),
    );
    expect(claims.filter((c) => c.ok)).toHaveLength(1);
    expect(claims.filter((c) => !c.ok && c.reason === "busy")).toHaveLength(7);
  });

  it("record the outcome for the claim holder only, and then refuse new claims", async () => {
    const { db } = services.ctx;
    const claim = await claimSend(db, "2026-W20", "sub_b", 1_000, TIMEOUT);
    if (!claim.ok) throw new Error("expected a claim");
    expect(
      await finishSend(db, "2026-W20", "sub_b", "someone-else", { status: "sent", messageId: "x", at: 2_000 }),
    ).toBe(false);
    expect(
      await finishSend(db, "2026-W20", "sub_b", claim.claimId, { status: "sent", messageId: "m-1", at: 2_000 }),
    ).toBe(true);
    expect(await getSend(db, "2026-W20", "sub_b")).toEqual({
      week: "2026-W20",
      subscriberId: "sub_b",
      status: "sent",
      claimId: claim.claimId,
      claimedAt: 1_000,
      messageId: "m-1",
      finishedAt: 2_000,
    });
    // Long after, a sent record is still never claimed again.
    expect(await claimSend(db, "2026-W20", "sub_b", 10 * TIMEOUT, TIMEOUT)).toEqual({
      ok: false,
      reason: "done",
      status: "sent",
    });
  });

  it("let a claim left by a crash be taken over after the timeout, and not before", async () => {
    const { db } = services.ctx;
    const crashed = await claimSend(db, "2026-W20", "sub_c", 1_000, TIMEOUT);
    expect(crashed.ok).toBe(true);
    expect(await claimSend(db, "2026-W20", "sub_c", 1_000 + TIMEOUT - 1, TIMEOUT)).toEqual({
      ok: false,
      reason: "busy",
    });
    const later = await claimSend(db, "2026-W20", "sub_c", 1_000 + TIMEOUT + 1, TIMEOUT);
    expect(later.ok).toBe(true);
    // The crashed consumer, if it wakes up, can no longer record anything.
    if (!crashed.ok || !later.ok) throw new Error("expected claims");
    expect(
      await finishSend(db, "2026-W20", "sub_c", crashed.claimId, { status: "sent", messageId: "late", at: 0 }),
    ).toBe(false);
  });

  it("let a released claim be claimed again at once", async () => {
    const { db } = services.ctx;
    const first = await claimSend(db, "2026-W20", "sub_d", 1_000, TIMEOUT);
    if (!first.ok) throw new Error("expected a claim");
    await releaseSend(db, "2026-W20", "sub_d", first.claimId);
    expect((await claimSend(db, "2026-W20", "sub_d", 1_001, TIMEOUT)).ok).toBe(true);
  });

  it("count a digest's records by status", async () => {
    const { db } = services.ctx;
    const claim = await claimSend(db, "2026-W21", "sub_e", 1_000, TIMEOUT);
    if (!claim.ok) throw new Error("expected a claim");
    await finishSend(db, "2026-W21", "sub_e", claim.claimId, { status: "failed", error: "MessageRejected", at: 1 });
    expect(await getSend(db, "2026-W21", "sub_e")).toMatchObject({ error: "MessageRejected", finishedAt: 1 });
    await claimSend(db, "2026-W21", "sub_f", 1_000, TIMEOUT);
    expect(await sendTotals(db, "2026-W21")).toEqual({ claimed: 1, sent: 0, failed: 1 });
  });
});
