/**
 * Starts a digest's delivery: pages through the active subscribers and puts them on the send
 * queue in batches. Running it again is safe: recipients already sent are skipped by the
 * consumer (their send records say so), and the ones not yet sent get their digest.
 */
import type { Context } from "../context.ts";
import { TidingsError } from "../error.ts";
import { recordFanOut } from "../store/digest-stats.ts";
import { getDigest, markSendStarted } from "../store/digests.ts";
import { listActiveSubscribers } from "../store/active-subscribers.ts";
import type { Queue } from "../queue/queue.ts";
import type { SendJob } from "./job.ts";
import { settleDelivery } from "./settle.ts";

export interface FanOutResult {
  recipients: number;
  jobs: number;
}

export interface FanOutOptions {
  batchSize?: number;
  now?: Date;
  /** Only if this call begins the delivery (an approval's start message, delivered twice, fans out once). */
  once?: boolean;
}

/** Recipients per queue message: one SQS message, one consumer call. */
export const RECIPIENTS_PER_JOB = 50;

export async function fanOut(
  ctx: Context,
  week: string,
  queue: Queue<SendJob>,
  { batchSize = RECIPIENTS_PER_JOB, now = new Date(), once = false }: FanOutOptions = {},
): Promise<FanOutResult> {
  if (!(await getDigest(ctx.db, week))) {
    throw new TidingsError("not_found", "send.no_digest", `there is no digest of ${week} to send: build it first`);
  }
  const began = await markSendStarted(ctx.db, week, now);
  if (once && !began) {
    ctx.log.info("send: delivery had begun already; not fanned out again", { week });
    return { recipients: 0, jobs: 0 };
  }
  let recipients = 0;
  let jobs = 0;
  const pending: string[] = [];
  const flush = async (all: boolean) => {
    const batch: SendJob[] = [];
    while (pending.length >= batchSize || (all && pending.length > 0)) {
      batch.push({ week, subscriberIds: pending.splice(0, batchSize) });
    }
    if (batch.length) await queue.enqueue(batch);
    jobs += batch.length;
  };
  for await (const page of listActiveSubscribers(ctx.db, { pageSize: 500 })) {
    pending.push(...page.map((s) => s.id));
    recipients += page.length;
    await flush(false);
  }
  await flush(true);
  await recordFanOut(ctx.db, week, recipients, now);
  // Every recipient may be done before the count was recorded (a small list, fast consumers).
  await settleDelivery(ctx.db, week, now);
  ctx.log.debug("send: recipients queued", { week, recipients, jobs });
  return { recipients, jobs };
}
