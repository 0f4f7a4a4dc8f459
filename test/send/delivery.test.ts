/**
 * Delivery against real local DynamoDB and SES, with 1,000 subscribers: every active reader gets
 * the digest exactly once, whatever happens on the way (a stop midway, crashed consumers,
 * throttling, server errors, duplicated queue messages, a paused account).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Context } from "@tidings/core/context";
import { buildDigest } from "@tidings/core/digest/build";
import { createSes } from "@tidings/core/email/ses";
import { asConsume, createConsumer } from "@tidings/core/send/consumer";
import { fanOut } from "@tidings/core/send/fan-out";
import { sendInProcess, type InProcessOptions } from "@tidings/core/send/in-process";
import { TokenBucket } from "@tidings/core/send/pace";
import { localQueue } from "@tidings/core/queue/local";
import { SendJob } from "@tidings/core/send/job";
import { sendTestCopy } from "@tidings/core/send/test-copy";
import { getDigest } from "@tidings/core/store/digests";
import { claimSend, getSend, sendTotals } from "@tidings/core/store/sends";
import { verifyToken } from "@tidings/core/subscription/token";
import { faultySes, type FaultPlan } from "../support/faulty-ses.ts";
import { startTestServices, type SentEmail, type TestServices } from "../support/services.ts";
import { addReaders, storeDigest, type Reader } from "../support/sending.ts";

let services: TestServices;
let ctx: Context;
let readers: Reader[];
let active: Reader[];

beforeAll(async () => {
  services = await startTestServices();
  ctx = services.ctx;
  active = await addReaders(ctx, 1000, "reader");
  readers = [
    ...active,
    ...(await addReaders(ctx, 15, "pending", "pending")),
    ...(await addReaders(ctx, 15, "left", "unsubscribed")),
    ...(await addReaders(ctx, 10, "bounced", "suppressed")),
  ];
}, 120_000);
afterAll(() => services.close());
beforeEach(() => services.clearMailbox());

/** Fast retries: the tests are about what is sent, not about waiting. */
const quick: InProcessOptions = { retryDelayMs: 5, delivery: { backoff: { baseMs: 1, capMs: 4 } } };

let weeks = 9;
/** Each test sends its own week's digest, so send records never carry over between tests. */
const nextWeek = async () => (await storeDigest(ctx.db, `2026-W${++weeks}`)).week;

async function copiesByReader(subject: string) {
  const counts = new Map<string, number>();
  for (const mail of (await services.mailbox()).filter((m) => m.subject === subject)) {
    for (const to of mail.destination.to) counts.set(to, (counts.get(to) ?? 0) + 1);
  }
  return counts;
}

/** Every active reader has exactly one copy; nobody else has any. */
async function expectExactlyOnce(week: string) {
  const { subject } = await digestOf(week);
  const counts = await copiesByReader(subject);
  const wrong = readers.filter((r) => (counts.get(r.email) ?? 0) !== (r.fate === "active" ? 1 : 0));
  expect(wrong.map((r) => `${r.email}: ${counts.get(r.email) ?? 0}`)).toEqual([]);
  expect(await sendTotals(ctx.db, week)).toEqual({ claimed: 0, sent: active.length, failed: 0 });
}

async function digestOf(week: string) {
  const digest = await getDigest(ctx.db, week);
  if (!digest) throw new Error(`no digest of ${week}`);
  return digest;
}

const header = (mail: SentEmail, name: string) => mail.headers?.find((h) => h.name === name)?.value;

describe("sending a digest", () => {
  it("reaches every active subscriber once, with both headers and a text part, and nobody else", async () => {
    const week = await nextWeek();
    const summary = await sendInProcess(ctx, week, quick);
    expect(summary).toMatchObject({ recipients: 1000, sent: 1000, failed: 0, deadLetters: 0, stopped: false });
    await expectExactlyOnce(week);

    const digest = await digestOf(week);
    const mail = (await services.mailbox()).find((m) => m.destination.to[0] === active[7]!.email)!;
    expect(mail.subject).toBe(digest.subject);
    expect(mail.from).toBe(ctx.config.sender);
    const list = header(mail, "List-Unsubscribe")!;
    const [, token] =
      /^<http:\/\/localhost:3000\/unsubscribe\?token=([\w-]+)>, <mailto:digest@tidings\.localhost\?subject=unsubscribe>$/.exec(
        list,
      ) ?? [];
    expect(verifyToken(ctx.config, "unsubscribe", token!, new Date())).toBe(active[7]!.id);
    expect(header(mail, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    expect(mail.body.text).toContain(`unsubscribe?token=${token}`);
    expect(mail.body.html).toContain(`unsubscribe?token=${token}`);
    expect(mail.body.text).not.toContain("{{");
    for (const title of digest.text
      .split("\n")
      .filter((l) => /^\S.+/.test(l))
      .slice(0, 3))
      expect(mail.body.text).toContain(title);
  }, 120_000);

  it("sends nothing more when run again", async () => {
    const week = await nextWeek();
    await sendInProcess(ctx, week, quick);
    await services.clearMailbox();
    const again = await sendInProcess(ctx, week, quick);
    expect(again).toMatchObject({ recipients: 1000, sent: 0, skipped: 1000, failed: 0 });
    expect(await services.mailbox()).toHaveLength(0);
  }, 120_000);

  it("stopped midway, finishes the rest when run again, each reader still once", async () => {
    const week = await nextWeek();
    const stop = new AbortController();
    const first = await sendInProcess(ctx, week, {
      ...quick,
      signal: stop.signal,
      onProgress: (p) => p.sent >= 300 && stop.abort(),
    });
    expect(first.stopped).toBe(true);
    expect(first.sent).toBeGreaterThanOrEqual(300);
    expect(first.sent).toBeLessThan(1000);
    const second = await sendInProcess(ctx, week, quick);
    expect(second.sent).toBe(1000 - first.sent);
    await expectExactlyOnce(week);
  }, 120_000);

  it("takes over claims left by a crashed consumer once they time out, and not before", async () => {
    const week = await nextWeek();
    const now = Date.now();
    const timeout = 10 * 60_000;
    // Five claims a consumer took just now and five one that crashed 11 minutes ago never finished.
    for (const r of active.slice(0, 5)) await claimSend(ctx.db, week, r.id, now, timeout);
    for (const r of active.slice(5, 10)) await claimSend(ctx.db, week, r.id, now - 11 * 60_000, timeout);

    const first = await sendInProcess(ctx, week, { ...quick, maxReceives: 2 });
    expect(first.sent).toBe(995); // the stale claims are taken over; the fresh ones are left alone
    expect(first.deadLetters).toBeGreaterThan(0);
    for (const r of active.slice(0, 5)) expect((await getSend(ctx.db, week, r.id))?.status).toBe("claimed");

    // Later, the fresh claims have timed out too: a rerun finishes them.
    const later = await sendInProcess(ctx, week, {
      ...quick,
      delivery: { ...quick.delivery, now: () => now + 11 * 60_000 },
    });
    expect(later.sent).toBe(5);
    await expectExactlyOnce(week);
  }, 120_000);

  it("loses and duplicates nothing when SES throttles and fails on the way", async () => {
    const week = await nextWeek();
    const plan: FaultPlan = ({ n }) => (n % 3 === 0 ? "throttle" : n % 7 === 0 ? "server-error" : undefined);
    const proxy = await faultySes(services.sesEndpoint, plan);
    try {
      const throttled = { ...ctx, ses: createSes({ region: "us-east-1", endpoint: proxy.endpoint }) };
      const summary = await sendInProcess(throttled, week, quick);
      expect(proxy.stats.faults).toBeGreaterThan(300);
      expect(summary).toMatchObject({ sent: 1000, failed: 0, deadLetters: 0 });
      await expectExactlyOnce(week);
    } finally {
      await proxy.close();
    }
  }, 120_000);

  it("loses and duplicates nothing when every queue message arrives twice", async () => {
    const week = await nextWeek();
    const consume = asConsume(createConsumer(ctx, { pace: new TokenBucket(Infinity), ...quick.delivery }));
    const queue = localQueue(consume, {
      schema: SendJob,
      concurrency: 4,
      maxReceives: 5,
      retryDelayMs: 5,
      log: ctx.log,
    });
    const twice = { enqueue: async (jobs: Parameters<typeof queue.enqueue>[0]) => queue.enqueue([...jobs, ...jobs]) };
    expect(await fanOut(ctx, week, twice)).toEqual({ recipients: 1000, jobs: 20 });
    await queue.drained();
    await expectExactlyOnce(week);
  }, 120_000);

  it("records a permanent refusal once, counts it, and never retries it", async () => {
    const week = await nextWeek();
    const refused = active[42]!;
    let attempts = 0;
    const proxy = await faultySes(services.sesEndpoint, ({ to }) =>
      to.includes(refused.email) && ++attempts ? "reject" : undefined,
    );
    try {
      const viaProxy = { ...ctx, ses: createSes({ region: "us-east-1", endpoint: proxy.endpoint }) };
      const summary = await sendInProcess(viaProxy, week, quick);
      expect(summary).toMatchObject({ sent: 999, failed: 1, deadLetters: 0 });
      expect(await getSend(ctx.db, week, refused.id)).toMatchObject({
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
    const week = await nextWeek();
    let paused = true;
    const proxy = await faultySes(services.sesEndpoint, ({ n }) => (paused && n > 400 ? "paused" : undefined));
    try {
      const viaProxy = { ...ctx, ses: createSes({ region: "us-east-1", endpoint: proxy.endpoint }) };
      await expect(sendInProcess(viaProxy, week, { ...quick, maxReceives: 1 })).rejects.toThrow("SES refuses to send");
      const partial = await sendTotals(ctx.db, week);
      expect(partial.sent).toBeLessThan(1000);
      expect(partial.claimed).toBe(0); // every claim was given back
      paused = false; // the account is back
      await sendInProcess(viaProxy, week, quick);
      await expectExactlyOnce(week);
    } finally {
      await proxy.close();
    }
  }, 120_000);
});

describe("a test copy", () => {
  it("goes to any address with [TEST] in the subject and leaves the send records alone", async () => {
    const week = await nextWeek();
    await sendTestCopy(ctx, week, "editor@example.org");
    const [mail] = await services.mailbox();
    expect(mail!.destination.to).toEqual(["editor@example.org"]);
    expect(mail!.subject).toBe(`[TEST] ${(await digestOf(week)).subject}`);
    expect(header(mail!, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    expect(await sendTotals(ctx.db, week)).toEqual({ claimed: 0, sent: 0, failed: 0 });
    await expect(sendTestCopy(ctx, week, "not an address")).rejects.toThrow("not a usable email address");
  });
});

describe("a digest being sent", () => {
  it("is never rebuilt: readers all get the same issue", async () => {
    const week = await nextWeek();
    await sendInProcess(ctx, week, quick);
    await expect(buildDigest(ctx, week, { rebuild: true })).rejects.toThrow("is being sent or was sent");
  }, 120_000);
});
