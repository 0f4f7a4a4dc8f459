import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { subscriberKeys } from "@tidings/core/store/keys";
import { claimConfirmation, releaseConfirmation, takeConfirmation } from "@tidings/core/store/signup-claims";
import { activateSubscriber, suppressSubscriber, unsubscribeSubscriber } from "@tidings/core/store/subscriber-state";
import { getSubscriber } from "@tidings/core/store/subscribers";
import { EmailAddress } from "@tidings/core/subscription/address";
import { idWithKey } from "@tidings/core/subscription/id";
import type { Consent } from "@tidings/core/subscription/subscriber";

/** The store takes ids as given: any id key will do here. */
const idKey = Buffer.alloc(32, 7);
import { startTestServices, type TestServices } from "../support/services.ts";

let services: TestServices;
beforeAll(async () => {
  services = await startTestServices();
});
afterAll(() => services.close());

const db = () => services.ctx.db;
const TEN_MINUTES = 10 * 60 * 1000;
const THIRTY_DAYS = 30 * 24 * 60 * 60 * 1000;
const t0 = new Date("2026-05-18T09:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);
let n = 0;
function newReader() {
  const email = EmailAddress.parse(`reader${++n}@example.com`);
  return { id: idWithKey(idKey, email), email };
}
const consent = (when: Date): Consent => ({
  at: when.toISOString(),
  clientAddress: "203.0.113.9",
  userAgent: "test",
  form: "home",
});
const claim = (r: { id: string; email: EmailAddress }, now: Date) =>
  claimConfirmation(db(), {
    ...r,
    consent: consent(now),
    now,
    resendAfterMs: TEN_MINUTES,
    expiresAfterMs: THIRTY_DAYS,
  });
const confirmation = (when: Date) => ({ at: when.toISOString(), clientAddress: "203.0.113.9", userAgent: "test" });

async function gsiKeys(id: string) {
  const { Items } = await db().client.send(new ScanCommand({ TableName: db().table }));
  const item = Items!.find((i) => i.PK === subscriberKeys.key(id).PK)!;
  return { GSI1PK: item.GSI1PK, GSI1SK: item.GSI1SK };
}

describe("subscriber state changes", () => {
  it("claims a confirmation for a new address once per 10 minutes", async () => {
    const r = newReader();
    expect(await claim(r, t0)).toBe(true);
    expect(await claim(r, at(TEN_MINUTES - 1000))).toBe(false);
    expect(await claim(r, at(TEN_MINUTES))).toBe(true);
    const s = await getSubscriber(db(), r.id);
    expect(s).toMatchObject({ id: r.id, email: r.email, state: "pending", createdAt: t0.toISOString() });
    expect(s?.consent).toEqual(consent(at(TEN_MINUTES)));
  });

  it("lets exactly one of many concurrent signups of one address send", async () => {
    const r = newReader();
    const claims = await Promise.all(Array.from({ length: 12 }, () => claim(r, t0)));
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it("lets exactly one taker have a claimed email, however many ask, and none when nothing is due", async () => {
    const r = newReader();
    expect(await takeConfirmation(db(), r.id)).toBeUndefined(); // never signed up
    await claim(r, t0);
    const takes = await Promise.all(Array.from({ length: 6 }, () => takeConfirmation(db(), r.id)));
    expect(takes.filter(Boolean)).toEqual([{ email: r.email, claimedAt: t0.toISOString() }]);
    expect(await takeConfirmation(db(), r.id)).toBeUndefined();
    expect(await claim(r, at(1000))).toBe(false); // the 10 minutes still hold after the take
    expect(await takeConfirmation(db(), r.id)).toBeUndefined();

    const confirmed = newReader(); // confirmed (from an earlier email) before the take
    await claim(confirmed, t0);
    await activateSubscriber(db(), confirmed.id, confirmation(at(1000)));
    expect(await takeConfirmation(db(), confirmed.id)).toBeUndefined();
  });

  it("gives back a claim whose email failed, unless a newer claim took over", async () => {
    const r = newReader();
    await claim(r, t0);
    const due = await takeConfirmation(db(), r.id);
    await releaseConfirmation(db(), r.id, due!.claimedAt);
    expect(await claim(r, at(1000))).toBe(true);
    await releaseConfirmation(db(), r.id, due!.claimedAt); // stale: the claim at +1s is not touched
    expect((await getSubscriber(db(), r.id))?.confirmationSentAt).toBe(at(1000).toISOString());
    expect(await takeConfirmation(db(), r.id)).toEqual({ email: r.email, claimedAt: at(1000).toISOString() });
  });

  it("never claims for an active or suppressed address; does for an unsubscribed one", async () => {
    const active = newReader();
    await claim(active, t0);
    expect(await activateSubscriber(db(), active.id, confirmation(at(1000)))).toBe("activated");
    expect(await claim(active, at(TEN_MINUTES * 10))).toBe(false);
    expect((await getSubscriber(db(), active.id))?.state).toBe("active");

    const suppressed = newReader();
    await suppressSubscriber(db(), { ...suppressed, kind: "bounce", detail: "Permanent/General", now: t0 });
    expect(await claim(suppressed, at(TEN_MINUTES * 10))).toBe(false);

    const left = newReader();
    await claim(left, t0);
    await activateSubscriber(db(), left.id, confirmation(at(1000)));
    expect(await unsubscribeSubscriber(db(), left.id, at(2000))).toBe(true);
    expect(await claim(left, at(3000))).toBe(true);
    const again = await getSubscriber(db(), left.id);
    expect(again?.state).toBe("pending");
    expect(again?.confirmation).toBeUndefined();
  });

  it("keeps an active subscriber in its GSI1 shard exactly while active", async () => {
    const r = newReader();
    await claim(r, t0);
    expect(await gsiKeys(r.id)).toEqual({ GSI1PK: undefined, GSI1SK: undefined });
    await activateSubscriber(db(), r.id, confirmation(at(1000)));
    expect(await gsiKeys(r.id)).toEqual(subscriberKeys.activeIndex(r.id));
    expect(await activateSubscriber(db(), r.id, confirmation(at(2000)))).toBe("active");
    await unsubscribeSubscriber(db(), r.id, at(3000));
    expect(await gsiKeys(r.id)).toEqual({ GSI1PK: undefined, GSI1SK: undefined });
    expect(await unsubscribeSubscriber(db(), r.id, at(4000))).toBe(false);
    expect(await activateSubscriber(db(), r.id, confirmation(at(5000)))).toBe("unsubscribed");
  });

  it("ends concurrent confirms and unsubscribes in one consistent state", async () => {
    for (let round = 0; round < 5; round++) {
      const r = newReader();
      await claim(r, t0);
      const results = await Promise.all([
        activateSubscriber(db(), r.id, confirmation(at(1000))),
        unsubscribeSubscriber(db(), r.id, at(1000)),
        activateSubscriber(db(), r.id, confirmation(at(1000))),
        unsubscribeSubscriber(db(), r.id, at(1000)),
      ]);
      const s = await getSubscriber(db(), r.id);
      expect(s?.state).toBe("unsubscribed"); // an unsubscribe always wins: it applies to pending and active
      expect(results.filter((x) => x === "activated").length).toBeLessThanOrEqual(1);
      expect(results.filter((x) => x === true)).toHaveLength(1);
      expect(await gsiKeys(r.id)).toEqual({ GSI1PK: undefined, GSI1SK: undefined });
    }
  });

  it("lets a pending signup expire 30 days after its last confirmation email, and nothing else", async () => {
    const expiresAt = async (id: string) => (await getSubscriber(db(), id))?.expiresAt;
    const epoch = (d: Date) => Math.floor(d.getTime() / 1000);

    const r = newReader();
    await claim(r, t0);
    expect(await expiresAt(r.id)).toBe(epoch(t0) + THIRTY_DAYS / 1000);
    await claim(r, at(TEN_MINUTES)); // a second confirmation email: 30 days from it
    expect(await expiresAt(r.id)).toBe(epoch(at(TEN_MINUTES)) + THIRTY_DAYS / 1000);
    await claim(r, at(TEN_MINUTES + 1000)); // too soon: no email, no new expiry
    expect(await expiresAt(r.id)).toBe(epoch(at(TEN_MINUTES)) + THIRTY_DAYS / 1000);

    await activateSubscriber(db(), r.id, confirmation(at(TEN_MINUTES * 2)));
    expect(await expiresAt(r.id)).toBeUndefined();
    await unsubscribeSubscriber(db(), r.id, at(TEN_MINUTES * 3));
    expect(await expiresAt(r.id)).toBeUndefined();
    await claim(r, at(TEN_MINUTES * 4)); // signing up again: pending, so it may expire again
    expect(await expiresAt(r.id)).toBe(epoch(at(TEN_MINUTES * 4)) + THIRTY_DAYS / 1000);

    const left = newReader();
    await claim(left, t0);
    await unsubscribeSubscriber(db(), left.id, at(1000)); // left before confirming: kept
    expect(await getSubscriber(db(), left.id)).toMatchObject({ state: "unsubscribed" });
    expect(await expiresAt(left.id)).toBeUndefined();

    const bounced = newReader();
    await claim(bounced, t0);
    await suppressSubscriber(db(), { ...bounced, kind: "bounce", detail: "Permanent/General", now: at(1000) });
    expect(await expiresAt(bounced.id)).toBeUndefined();
  });

  it("suppresses any state, even an address it never saw, once", async () => {
    const r = newReader();
    await claim(r, t0);
    await activateSubscriber(db(), r.id, confirmation(at(1000)));
    const s = { ...r, kind: "complaint" as const, detail: "abuse", now: at(2000) };
    expect(await suppressSubscriber(db(), s)).toBe(true);
    expect(await suppressSubscriber(db(), s)).toBe(false);
    expect(await getSubscriber(db(), r.id)).toMatchObject({
      state: "suppressed",
      suppression: { kind: "complaint", detail: "abuse" },
      confirmation: confirmation(at(1000)),
    });
    expect(await gsiKeys(r.id)).toEqual({ GSI1PK: undefined, GSI1SK: undefined });
    expect(await unsubscribeSubscriber(db(), r.id, at(3000))).toBe(false);
    expect((await getSubscriber(db(), r.id))?.state).toBe("suppressed");

    const stranger = newReader();
    expect(await suppressSubscriber(db(), { ...stranger, kind: "bounce", detail: "Permanent/General", now: t0 })).toBe(
      true,
    );
    expect(await getSubscriber(db(), stranger.id)).toMatchObject({ state: "suppressed", email: stranger.email });
  });
});
