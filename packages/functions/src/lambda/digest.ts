/**
 * Weekly cron (sst.aws.CronV2 "WeeklyDigest"): builds the last complete week's digest (or the
 * week named in the event, `{ "week": "2026-W20" }`) and puts every active subscriber on the
 * send queue. Running it again sends only to those not yet sent.
 */
import { createContext } from "@tidings/core/context";
import { flushingMetrics } from "@tidings/core/metrics";
import { WeeklyDigestEvent, weeklyDigest } from "@tidings/core/digest/weekly";
import { sqsQueue } from "@tidings/core/queue/sqs";
import type { SendJob } from "@tidings/core/send/job";

const ctx = createContext();
const queue = sqsQueue<SendJob>(ctx.sqs, ctx.config.sendQueueUrl, "SendQueue");

export const handler = flushingMetrics(ctx.metrics, (event: unknown) =>
  weeklyDigest(ctx, queue, WeeklyDigestEvent.parse(event ?? {})),
);
