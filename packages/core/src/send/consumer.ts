/**
 * The consumer as every queue runs it (the SQS Lambda, the in-process queue, its worker
 * threads): one job in, what became of its recipients out ("retry" for the queue if any remain).
 * The digest is read once per week and kept, so assembling each reader's copy from its parts is
 * all the per-recipient work (it never changes once its delivery has started).
 */
import { GetAccountCommand } from "@aws-sdk/client-sesv2";
import type { Context } from "../context.ts";
import type { DigestEmail } from "../digest/reader-copy.ts";
import { TidingsError } from "../error.ts";
import { memoizeAsync } from "../memo.ts";
import { getDigest } from "../store/digests.ts";
import type { Log } from "../log.ts";
import { defaultDelivery, deliverJob, SendingStopped, type DeliveryOptions, type JobOutcome } from "./deliver.ts";
import { TokenBucket } from "./pace.ts";
import { checkReputation } from "./reputation.ts";
import type { Consume } from "../queue/queue.ts";
import type { SendJob } from "./job.ts";
import { settleDelivery } from "./settle.ts";

/**
 * Emails per second this account may send: the configured rate, else SES's MaxSendRate; none
 * locally (the local SES has no quota).
 */
export async function sendRate(ctx: Context): Promise<number> {
  if (ctx.config.sendRate) return ctx.config.sendRate;
  if (!ctx.config.onAws) return Infinity;
  const account = await ctx.ses.send(new GetAccountCommand({}));
  return account.SendQuota?.MaxSendRate ?? 1;
}

export interface ConsumerOptions extends Partial<DeliveryOptions> {
  pace: TokenBucket;
}

/**
 * Delivers one job and says what became of its recipients. `signal` ends it early (a Lambda's
 * deadline): recipients not yet started are handed back for a later delivery.
 */
export type DeliverJob = (job: SendJob, signal?: AbortSignal) => Promise<JobOutcome>;

/** What the queue should do with a job after a delivery: done, or deliver it again later. */
export const verdict = (outcome: JobOutcome) => (outcome.retry > 0 ? "retry" : "done");

/** A queue consumer from a job deliverer, telling `onOutcome` about each delivery. */
export const asConsume =
  (deliver: DeliverJob, onOutcome?: (outcome: JobOutcome) => void, log?: Log): Consume<SendJob> =>
  async (job) => {
    let outcome: JobOutcome;
    try {
      outcome = await deliver(job);
    } catch (error) {
      // As SQS does with a failed Lambda: the job comes again later (storage down for a moment),
      // and dead-letters after its last try. A stopped send stops everything.
      if (!log || error instanceof SendingStopped) throw error;
      log.error("send: a job failed; it will be delivered again", { week: job.week, error });
      return "retry";
    }
    onOutcome?.(outcome);
    return verdict(outcome);
  };

const anySignal = (...signals: (AbortSignal | undefined)[]) =>
  AbortSignal.any(signals.filter((s): s is AbortSignal => s !== undefined));

export function createConsumer(ctx: Context, options: ConsumerOptions): DeliverJob {
  const digestOf = memoizeAsync(async (week: string): Promise<DigestEmail> => {
    const d = await getDigest(ctx.db, week);
    if (!d) throw new TidingsError("not_found", "send.no_digest", `no digest of ${week} to send`);
    return { subject: d.subject, html: d.html, text: d.text, parts: d.parts };
  });
  const delivery: DeliveryOptions = { ...defaultDelivery, ...options };
  return async (job, signal) => {
    // A paused send takes nobody: the job is let go, and a resume queues its readers again.
    if ((await checkReputation(ctx, job.week)) === "paused") {
      return { sent: 0, skipped: 0, failed: 0, retry: 0, held: job.subscriberIds.length };
    }
    const options = signal ? { ...delivery, signal: anySignal(delivery.signal, signal) } : delivery;
    const outcome = await deliverJob(ctx, job, await digestOf(job.week), options);
    ctx.metrics.count("EmailsSent", outcome.sent);
    ctx.metrics.count("EmailsFailed", outcome.failed);
    if (outcome.retry === 0) {
      await settleDelivery(ctx.db, job.week).catch((error: unknown) =>
        ctx.log.warn("send: could not check whether the delivery is done", { week: job.week, error }),
      );
    }
    return outcome;
  };
}
