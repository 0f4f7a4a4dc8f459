/**
 * Delivery against real local DynamoDB and SES, with 1,000 subscribers: every active reader gets
 * the digest exactly once, with its headers and links; a stopped send finishes when run again.
 * (What happens on the way, faults included: delivery-faults.test.ts.)
 */
import { describe, expect, it } from "vitest";
import { buildDigest } from "@tidings/core/digest/build";
import { sendInProcess } from "@tidings/core/send/in-process";
import { verifyToken } from "@tidings/core/subscription/token";
import { header, quick, useDeliveryBed } from "../support/delivery.ts";

const bed = useDeliveryBed();

describe("sending a digest", () => {
  it("reaches every active subscriber once, with both headers and a text part, and nobody else", async () => {
    const week = await bed.nextWeek();
    const summary = await sendInProcess(bed.ctx, week, quick);
    expect(summary).toMatchObject({ recipients: 1000, sent: 1000, failed: 0, deadLetters: 0, stopped: false });
    await bed.expectExactlyOnce(week);

    const digest = await bed.digestOf(week);
    const mail = (await bed.services.mailbox()).find((m) => m.destination.to[0] === bed.active[7]!.email)!;
    expect(mail.subject).toBe(digest.subject);
    expect(mail.from).toBe(bed.ctx.config.sender);
    const list = header(mail, "List-Unsubscribe")!;
    const [, token] =
      /^<http:\/\/localhost:3000\/unsubscribe\?token=([\w-]+)>, <mailto:digest@tidings\.localhost\?subject=unsubscribe>$/.exec(
        list,
      ) ?? [];
    expect(verifyToken(bed.ctx.config, "unsubscribe", token!, new Date())).toBe(bed.active[7]!.id);
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
    const week = await bed.nextWeek();
    await sendInProcess(bed.ctx, week, quick);
    await bed.services.clearMailbox();
    const again = await sendInProcess(bed.ctx, week, quick);
    expect(again).toMatchObject({ recipients: 1000, sent: 0, skipped: 1000, failed: 0 });
    expect(await bed.services.mailbox()).toHaveLength(0);
  }, 120_000);

  it("stopped midway, finishes the rest when run again, each reader still once", async () => {
    const week = await bed.nextWeek();
    const stop = new AbortController();
    const first = await sendInProcess(bed.ctx, week, {
      ...quick,
      signal: stop.signal,
      onProgress: (p) => p.sent >= 300 && stop.abort(),
    });
    expect(first.stopped).toBe(true);
    expect(first.sent).toBeGreaterThanOrEqual(300);
    expect(first.sent).toBeLessThan(1000);
    const second = await sendInProcess(bed.ctx, week, quick);
    expect(second.sent).toBe(1000 - first.sent);
    await bed.expectExactlyOnce(week);
  }, 120_000);
});

describe("a digest being sent", () => {
  it("is never rebuilt: readers all get the same issue", async () => {
    const week = await bed.nextWeek();
    await sendInProcess(bed.ctx, week, quick);
    await expect(buildDigest(bed.ctx, week, { rebuild: true })).rejects.toThrow("is being sent or was sent");
  }, 120_000);
});
