/**
 * Weekly cron (sst.aws.CronV2 "WeeklyDigest"): builds the last complete week's digest (or the
 * week named in the event, `{ "week": "2026-W20" }`) and puts every active subscriber on the
 * send queue. Running it again sends only to those not yet sent.
 */
import { createContext } from "@tidings/core/context";
import { buildDigest } from "@tidings/core/digest/build";
import { lastCompleteWeek } from "@tidings/core/digest/week";
import { fanOut } from "@tidings/core/send/fan-out";
import { sqsQueue } from "@tidings/core/queue/sqs";
import type { SendJob } from "@tidings/core/send/job";

const ctx = createContext();
const queue = sqsQueue<SendJob>(ctx.sqs, ctx.config.sendQueueUrl, "SendQueue");

export async function handler(event: unknown) {
  const named = (event as { week?: unknown } | null)?.week;
  const week = typeof named === "string" ? named : lastCompleteWeek(new Date(), ctx.config.digestTimezone);
  const result = await buildDigest(ctx, week);
  if (result.status === "empty") {
    ctx.log.info("weekly digest: no items that week, nothing to send", { week: result.range.week });
    return { week: result.range.week, status: "empty" };
  }
  const queued = await fanOut(ctx, result.digest.week, queue);
  const summary = { week: result.digest.week, status: result.status, items: result.digest.itemCount, ...queued };
  ctx.log.info("weekly digest: built and queued for sending", summary);
  return summary;
}
