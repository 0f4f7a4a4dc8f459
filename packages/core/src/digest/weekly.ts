/**
 * The weekly job (the WeeklyDigest cron on AWS): builds the last complete week's digest, or a
 * week named, and puts every active subscriber on the send queue; with REVIEW=on it builds a
 * draft and emails the editors a link to it instead, and first settles the drafts of earlier
 * weeks left unapproved (REVIEW_DEADLINE). Running it again sends only to those not yet sent.
 */
import { z } from "zod";
import type { Context } from "../context.ts";
import type { Queue } from "../queue/queue.ts";
import { settleOverdueDrafts } from "../review/deadline.ts";
import { requestReview } from "../review/request.ts";
import { fanOut } from "../send/fan-out.ts";
import { resumeDelivery } from "../send/reputation.ts";
import type { SendJob } from "../send/job.ts";
import { buildDigest } from "./build.ts";
import { lastCompleteWeek } from "./week.ts";

/**
 * What the schedule sends (`{}`), or an operator: `{ "week": "2026-W20" }` to send a week again,
 * `{ "week": "2026-W20", "resume": true }` to resume a send the reputation guard paused.
 */
export const WeeklyDigestEvent = z
  .object({ week: z.string().optional(), resume: z.boolean().optional() })
  .loose()
  .refine((e) => !e.resume || e.week, 'a resume names its week: { "week": "2026-W20", "resume": true }');
export type WeeklyDigestEvent = z.infer<typeof WeeklyDigestEvent>;

export async function weeklyDigest(ctx: Context, queue: Queue<SendJob>, event: WeeklyDigestEvent, now = new Date()) {
  if (event.resume && event.week) {
    const resumed = await resumeDelivery(ctx, event.week, queue, now);
    ctx.log.info("weekly digest: resume", { week: event.week, ...resumed });
    return { week: event.week, ...resumed };
  }
  const week = event.week ?? lastCompleteWeek(now, ctx.config.digestTimezone);
  const settled = await settleOverdueDrafts(ctx, week, (w) => fanOut(ctx, w, queue, { now }), now);
  const overdue = settled.length ? { overdue: settled } : {};
  const result = await buildDigest(ctx, week);
  if (result.status === "empty") {
    ctx.log.info("weekly digest: no items that week, nothing to send", { week: result.range.week });
    return { week: result.range.week, status: "empty" as const, ...overdue };
  }
  const { digest } = result;
  if (digest.status === "draft") {
    const review = await requestReview(ctx, digest, now);
    const summary = { week: digest.week, status: result.status, items: digest.itemCount, review, ...overdue };
    ctx.log.info("weekly digest: built as a draft for the editors to review", summary);
    return summary;
  }
  const queued = await fanOut(ctx, digest.week, queue);
  const summary = { week: digest.week, status: result.status, items: digest.itemCount, ...queued, ...overdue };
  ctx.log.info("weekly digest: built and queued for sending", summary);
  return summary;
}
