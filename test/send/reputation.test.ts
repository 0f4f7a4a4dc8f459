/**
 * The reputation guard: bounces injected during a send pause it before SES would pause the
 * account; the editors are told once; a resume, asked for twice at once, continues it once,
 * and nobody is mailed twice. Soft bounces in three digests suppress a reader.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { weeklyDigest } from "@tidings/core/digest/weekly";
import { handleSesNotifications } from "@tidings/core/email/ses-events";
import { localQueue } from "@tidings/core/queue/local";
import { asConsume, createConsumer, type DeliverJob } from "@tidings/core/send/consumer";
import { SendJob } from "@tidings/core/send/job";
import { TokenBucket } from "@tidings/core/send/pace";
import { assessReputation } from "@tidings/core/send/reputation";
import { sendInProcess } from "@tidings/core/send/in-process";
import { getDigestStats } from "@tidings/core/store/digest-stats";
import { getSendControl } from "@tidings/core/store/send-pause";
import { getSubscriber } from "@tidings/core/store/subscribers";
import { sampleSesEvent } from "@tidings/core/subscription/suppression";
import { snsEvent } from "../support/events.ts";
import { runTs } from "../support/processes.ts";
import { addReaders, storeDigest, type Reader } from "../support/sending.ts";
import { startTestServices, type SentEmail, type TestServices } from "../support/services.ts";

const WEEK = "2026-W20";
let services: TestServices;
let readers: Reader[];

beforeAll(async () => {
  services = await startTestServices();
  await storeDigest(services.ctx.db, WEEK);
  readers = await addReaders(services.ctx, 400, "guarded");
}, 120_000);
afterAll(() => services.close());

const limits = { bounceRate: 0.04, complaintRate: 0.0008, minSends: 200 };
const isDigest = (m: SentEmail) => !m.subject.startsWith("Sending of");
const bounce = (address: string, kind: "bounce" | "soft-bounce" | "complaint" = "bounce", digest = WEEK) =>
  handleSesNotifications(services.ctx, snsEvent("SesEvents", [sampleSesEvent(kind, address, new Date(), { digest })]));

describe("the guard's arithmetic", () => {
  it("judges only past the minimum of sends, and only what was sent since the last resume", () => {
    expect(assessReputation({ sent: 199, bounced: 50, complained: 5 }, undefined, limits)).toBeUndefined();
    expect(assessReputation({ sent: 200, bounced: 8, complained: 0 }, undefined, limits)).toBeUndefined();
    expect(assessReputation({ sent: 200, bounced: 9, complained: 0 }, undefined, limits)).toMatch(
      /^9 hard bounces in 200 sent \(4\.5%/,
    );
    expect(assessReputation({ sent: 2000, bounced: 0, complained: 2 }, undefined, limits)).toMatch(
      /^2 complaints in 2000 sent/,
    );
    const baseline = { sent: 200, bounced: 9, complained: 0 };
    expect(assessReputation({ sent: 350, bounced: 15, complained: 0 }, baseline, limits)).toBeUndefined();
    expect(assessReputation({ sent: 400, bounced: 18, complained: 0 }, baseline, limits)).toMatch(
      /^9 hard bounces in 200/,
    );
  });
});

describe("a send with too many bounces", () => {
  it("pauses itself, tells the editors once, and a resume asked for twice completes it once", async () => {
    // One consumer, jobs of 50: after the fourth job (200 sent) SES reports 9 hard bounces (4.5%).
    const consumer = createConsumer(services.ctx, { pace: new TokenBucket(Infinity) });
    let injected = false;
    const deliver: DeliverJob = async (job) => {
      const outcome = await consumer(job);
      if (!injected && (await getDigestStats(services.ctx.db, WEEK)).sent >= 200) {
        injected = true;
        const sent = (await services.mailbox()).filter(isDigest).slice(0, 9);
        for (const mail of sent) await bounce(mail.destination.to[0]!);
      }
      return outcome;
    };
    const first = await sendInProcess(services.ctx, WEEK, { deliver, consumers: 1, batchSize: 50 });
    expect(first).toMatchObject({ paused: true, sent: 200, held: 200 });
    const control = await getSendControl(services.ctx.db, WEEK);
    expect(control.paused?.reason).toMatch(/^9 hard bounces in 200 sent/);

    const afterPause = await services.mailbox();
    expect(afterPause.filter(isDigest)).toHaveLength(200);
    const notices = afterPause.filter((m) => !isDigest(m));
    expect(notices).toHaveLength(1);
    expect(notices[0]!.destination.to).toEqual(["editor@tidings.localhost"]);
    expect(notices[0]!.subject).toBe(`Sending of ${WEEK} paused: ${control.paused!.reason}`);
    expect(notices[0]!.body.text).toContain(`{"week": "${WEEK}", "resume": true}`);

    // Two resumes at once (an editor clicking twice, a retried invocation): one does the work.
    const [a, b] = await Promise.all([
      sendInProcess(services.ctx, WEEK, { resume: true, consumers: 2 }),
      sendInProcess(services.ctx, WEEK, { resume: true, consumers: 2 }),
    ]);
    expect([a.nothingToResume, b.nothingToResume].sort()).toEqual([false, true]);
    expect(a.sent + b.sent).toBe(200); // the 200 not yet sent (the 9 who bounced had been)
    expect((await getSendControl(services.ctx.db, WEEK)).paused).toBeUndefined();

    const perReader = new Map<string, number>();
    for (const m of (await services.mailbox()).filter(isDigest))
      perReader.set(m.destination.to[0]!, (perReader.get(m.destination.to[0]!) ?? 0) + 1);
    expect(perReader.size).toBe(400);
    expect([...perReader.values()].every((n) => n === 1)).toBe(true);
    expect((await services.mailbox()).filter((m) => !isDigest(m))).toHaveLength(1);

    // Counted as operations see it (locally a tally; on Lambda the embedded metric format).
    expect(services.ctx.metrics.counts()).toMatchObject({ EmailsSent: 400, Bounces: 9, SendsStopped: 1 });

    // The weekly job's resume finds nothing paused now, and queues nobody.
    const queue = localQueue(asConsume(consumer), {
      schema: SendJob,
      concurrency: 1,
      maxReceives: 1,
      retryDelayMs: 1,
      log: services.ctx.log,
    });
    expect(await weeklyDigest(services.ctx, queue, { week: WEEK, resume: true })).toMatchObject({
      status: "not_paused",
    });
  }, 120_000);
});

describe("soft bounces", () => {
  it("suppress a reader once they happened in three different digests", async () => {
    const reader = readers.at(-1)!;
    for (const week of ["2026-W20", "2026-W20", "2026-W21"]) await bounce(reader.email, "soft-bounce", week);
    expect((await getSubscriber(services.ctx.db, reader.id))?.state).toBe("active");
    const [outcome] = await bounce(reader.email, "soft-bounce", "2026-W22");
    expect(outcome?.suppressed).toEqual([reader.id]);
    expect(await getSubscriber(services.ctx.db, reader.id)).toMatchObject({
      state: "suppressed",
      suppression: { kind: "bounce" },
    });
    expect((await getDigestStats(services.ctx.db, "2026-W20")).softBounced).toBe(2);
  });
});

describe("npm run ses-event", () => {
  it("replays a soft bounce against a digest and shows the digest's figures", async () => {
    const env = {
      TIDINGS_DATA_DIR: mkdtempSync(join(tmpdir(), "tidings-guard-")),
      TABLE_NAME: "tidings",
    };
    const soft = runTs(
      "packages/local/src/cli/ses-event.ts",
      ["soft-bounce", "full@example.com", "--digest", WEEK],
      env,
    );
    expect(await soft.exited).toBe(0);
    expect(soft.output()).toContain("bounce (Transient/MailboxFull): counted for full@example.com");
    expect(soft.output()).toContain(`Digest ${WEEK}: 0 sent, 0 bounced, 1 soft-bounced, 0 complained.`);
  }, 60_000);
});
