/**
 * The review's way through the weekly job and the store, on real local services with REVIEW=on:
 * statuses of rows written before statuses, REVIEW_DEADLINE skip and send (the editors told),
 * a rebuild that keeps the edits, an edit on a stale revision refused, a start delivered twice
 * fanned out once, and a later week's build learning from the stored corrections.
 */
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recentActions } from "@tidings/core/admin/audit";
import { buildDigest } from "@tidings/core/digest/build";
import { weeklyDigest } from "@tidings/core/digest/weekly";
import { ingestFeeds } from "@tidings/core/feed/ingest";
import { learnedCorrections } from "@tidings/core/review/corrections";
import { editDigest } from "@tidings/core/review/edit";
import { createConsumer } from "@tidings/core/send/consumer";
import type { SendJob } from "@tidings/core/send/job";
import { TokenBucket } from "@tidings/core/send/pace";
import { sendQueueConsumer } from "@tidings/core/send/start";
import { digestKeys } from "@tidings/core/store/keys";
import { getDigest, isPublic, markSendStarted, putDigest, statusOf } from "@tidings/core/store/digests";
import { seedFeed, seededNow } from "../support/seeded-app.ts";
import { startTestServices, type TestServices } from "../support/services.ts";
import { addReaders, storeDigest } from "../support/sending.ts";

const wire = new URL("../fixtures/feeds/review-wire.xml", import.meta.url).pathname;
let services: TestServices;
const queued: SendJob[] = [];
const queue = { enqueue: async (jobs: SendJob[]) => void queued.push(...jobs) };

beforeAll(async () => {
  services = await startTestServices({ REVIEW: "on" });
  await ingestFeeds(services.ctx, [seedFeed, wire], undefined, { now: () => seededNow });
  await addReaders(services.ctx, 2, "workflow-");
}, 60_000);
afterAll(() => services.close());

const editorMail = async (subject: RegExp) =>
  (await services.mailbox()).filter(
    (m) => m.destination.to.includes("editor@tidings.localhost") && subject.test(m.subject),
  );

describe("statuses", () => {
  it("rows written before statuses read as approved (public) or, once sending began, sent", async () => {
    expect([
      statusOf({}),
      statusOf({ sendStartedAt: "x" }),
      statusOf({ status: "sending", sendStartedAt: "x" }),
    ]).toEqual(["approved", "sent", "sending"]);
    await storeDigest(services.ctx.db, "2025-W10");
    const { db } = services.ctx;
    await db.client.send(
      new UpdateCommand({
        TableName: db.table,
        Key: digestKeys.key("2025-W10"),
        UpdateExpression: "REMOVE #s",
        ExpressionAttributeNames: { "#s": "status" },
      }),
    );
    const old = (await getDigest(db, "2025-W10"))!;
    expect([old.status, isPublic(old), old.revision]).toEqual(["approved", true, 0]);
    expect(await markSendStarted(db, "2025-W10", seededNow)).toBe(true);
    expect(await markSendStarted(db, "2025-W10", seededNow)).toBe(false); // once
    expect((await getDigest(db, "2025-W10"))!.status).toBe("sending");
  });
});

describe("corrections", () => {
  it("a later week's build files a story like a corrected one under the editor's theme, and says why", async () => {
    const { ctx } = services;
    const themeOf = async (week: string, start: string) => {
      const d = (await getDigest(ctx.db, week))!;
      return d.sections.find((s) => s.items.some((i) => i.title.startsWith(start)))!.theme;
    };
    await buildDigest(ctx, "2026-W20");
    await buildDigest(ctx, "2026-W21");
    const before = await themeOf("2026-W21", "Zorblax photonic");
    expect(await themeOf("2026-W20", "Zorblax unveils")).toBe(before);
    const w20 = (await getDigest(ctx.db, "2026-W20"))!;
    const id = w20.sections.flatMap((s) => s.items).find((i) => i.title.startsWith("Zorblax"))!.id;
    const to = w20.review!.themes.find((t) => t !== before && t !== "More news")!;

    await editDigest(ctx, "2026-W20", { moves: [{ id, theme: to }] }, "editor@tidings.localhost", seededNow);
    expect(await learnedCorrections(ctx.db, "2026-W19")).toEqual([]); // an earlier week's build does not see it
    expect(await learnedCorrections(ctx.db, "2026-W21")).toEqual([expect.objectContaining({ theme: to })]);

    await buildDigest(ctx, "2026-W21", { rebuild: true });
    expect(await themeOf("2026-W21", "Zorblax photonic")).toBe(to);
    const w21 = (await getDigest(ctx.db, "2026-W21"))!;
    const later = w21.sections.flatMap((s) => s.items).find((i) => i.title.startsWith("Zorblax"))!.id;
    expect(w21.review!.why[later]!.by).toBe("words");
    expect(w21.review!.why[later]!.words.map((w) => w.word)).toContain("zorblax");
  });
});

describe("REVIEW_DEADLINE", () => {
  it("skip: the next week's job leaves an unapproved draft unsent and tells the editors", async () => {
    await services.clearMailbox();
    expect(await weeklyDigest(services.ctx, queue, { week: "2026-W19" }, seededNow)).toMatchObject({
      status: "created",
      review: "requested",
    });
    expect(await editorMail(/^To review/)).toHaveLength(1);
    const next = await weeklyDigest(services.ctx, queue, { week: "2026-W20" }, seededNow);
    expect(next).toMatchObject({
      week: "2026-W20",
      review: "requested",
      overdue: [{ week: "2026-W19", action: "skipped" }],
    });
    expect(queued).toEqual([]);
    const skipped = (await getDigest(services.ctx.db, "2026-W19"))!;
    expect([skipped.status, skipped.deadline?.action]).toEqual(["draft", "skipped"]);
    const told = await editorMail(/^Not approved in time/);
    expect(told.map((m) => m.subject)).toEqual(["Not approved in time: the digest of 2026-W19 was skipped"]);
    expect(told[0]!.body.text).toContain("approving it there still sends it");
    // Once: the week's job run again does not settle it again.
    expect(await weeklyDigest(services.ctx, queue, { week: "2026-W20" }, seededNow)).toMatchObject({
      review: "already",
    });
    expect(
      (await recentActions(services.ctx, seededNow)).filter((a) => a.action === "digest.deadline.skipped"),
    ).toHaveLength(1);
  });

  it("send: the next week's job sends the unapproved draft as it is, approved by the deadline", async () => {
    const ctx = { ...services.ctx, config: { ...services.ctx.config, reviewDeadline: "send" as const } };
    const run = await weeklyDigest(ctx, queue, { week: "2026-W21" }, seededNow);
    expect(run).toMatchObject({ overdue: [{ week: "2026-W20", action: "sent" }] });
    expect(queued.map((j) => j.week)).toEqual(["2026-W20"]);
    const sent = (await getDigest(services.ctx.db, "2026-W20"))!;
    expect([sent.status, sent.approvedBy, sent.deadline?.action]).toEqual(["sending", "deadline", "sent"]);
    expect((await editorMail(/was sent$/)).length).toBe(1);
    queued.length = 0;
  });
});

describe("edits and rebuilds", () => {
  it("a rebuild keeps the editors' edits and the status; an edit on a stale revision is refused", async () => {
    const week = "2026-W18";
    await buildDigest(services.ctx, week);
    const read = (await getDigest(services.ctx.db, week))!;
    await editDigest(services.ctx, week, { note: "Kept.", subject: "Kept too" }, "editor@tidings.localhost", seededNow);
    const rebuilt = await buildDigest(services.ctx, week, { rebuild: true });
    expect(rebuilt.status).toBe("replaced");
    const d = (await getDigest(services.ctx.db, week))!;
    expect([d.status, d.subject, d.revision]).toEqual(["draft", "Kept too", 2]);
    expect(d.html).toContain("Kept.");
    await expect(
      putDigest(services.ctx.db, { ...read, revision: read.revision + 1 }, { replace: true }),
    ).rejects.toThrow(/changed meanwhile/);
  });

  it("a start message delivered twice fans the digest out once", async () => {
    await services.clearMailbox();
    await buildDigest(services.ctx, "2026-W17", { status: "approved" });
    const deliver = createConsumer(services.ctx, { pace: new TokenBucket(Infinity) });
    const consume = sendQueueConsumer(services.ctx, deliver, queue);
    expect(await consume({ week: "2026-W17", start: true })).toBe("done");
    expect(await consume({ week: "2026-W17", start: true })).toBe("done");
    expect(queued).toHaveLength(1);
    for (const job of queued.splice(0)) expect(await consume(job)).toBe("done");
    expect((await getDigest(services.ctx.db, "2026-W17"))!.status).toBe("sent");
    expect((await services.mailbox()).length).toBe(2);
  });
});
