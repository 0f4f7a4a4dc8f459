/**
 * A whole send on this machine: fan-out into the in-process queue, consumers running the same
 * code as the Lambda, progress as it goes. `npm run digest -- --send` and the tests use it.
 */
import type { Context } from "../context.ts";
import { asConsume, createConsumer, sendRate, type DeliverJob } from "./consumer.ts";
import type { DeliveryOptions, JobOutcome } from "./deliver.ts";
import { fanOut } from "./fan-out.ts";
import { resumeDelivery } from "./reputation.ts";
import { TokenBucket } from "./pace.ts";
import { localQueue } from "../queue/local.ts";
import { SendJob } from "./job.ts";

export interface SendProgress {
  recipients: number;
  sent: number;
  skipped: number;
  failed: number;
  /** Recipients handed back to the queue for a later try (counted each time). */
  retried: number;
  /** Recipients not tried because the reputation guard paused the send. */
  held: number;
  seconds: number;
}

export interface SendSummary extends SendProgress {
  week: string;
  /** True when the send was stopped before every recipient was tried. */
  stopped: boolean;
  /** True when the reputation guard paused it (`resume` continues it). */
  paused: boolean;
  /** True when asked to resume a send that was not paused: nothing was queued. */
  nothingToResume: boolean;
  /** Jobs that kept failing past the queue's limit (SQS would move them to the dead-letter queue). */
  deadLetters: number;
}

export interface InProcessOptions {
  /** Jobs in flight at once (the consumer Lambda's maximum concurrency on AWS). */
  consumers?: number;
  /** Who delivers the jobs: by default a consumer in this thread (the CLI uses worker threads). */
  deliver?: DeliverJob;
  maxReceives?: number;
  retryDelayMs?: number;
  batchSize?: number;
  delivery?: Partial<DeliveryOptions>;
  onProgress?: (progress: SendProgress) => void;
  /** Stops the send gracefully: no new recipient is started; those in flight finish. */
  signal?: AbortSignal;
  /** Continue a send the reputation guard paused, instead of starting one. */
  resume?: boolean;
}

export async function sendInProcess(ctx: Context, week: string, options: InProcessOptions = {}): Promise<SendSummary> {
  const started = performance.now();
  const totals = { recipients: 0, sent: 0, skipped: 0, failed: 0, retried: 0, held: 0 };
  const progress = () => ({ ...totals, seconds: (performance.now() - started) / 1000 });
  const tally = (o: JobOutcome) => {
    totals.sent += o.sent;
    totals.skipped += o.skipped;
    totals.failed += o.failed;
    totals.retried += o.retry;
    totals.held += o.held ?? 0;
    options.onProgress?.(progress());
  };
  const deliver =
    options.deliver ??
    createConsumer(ctx, {
      ...options.delivery,
      ...(options.signal ? { signal: options.signal } : {}),
      pace: options.delivery?.pace ?? new TokenBucket(await sendRate(ctx)),
    });
  const consume = asConsume(deliver, tally, ctx.log);
  const queue = localQueue(consume, {
    schema: SendJob,
    log: ctx.log,
    concurrency: options.consumers ?? ctx.config.sendConsumers,
    maxReceives: options.maxReceives ?? 5,
    retryDelayMs: options.retryDelayMs ?? 1_000,
    signal: options.signal,
  });
  const begun = options.resume
    ? await resumeDelivery(ctx, week, queue)
    : {
        status: "started",
        ...(await fanOut(ctx, week, queue, options.batchSize ? { batchSize: options.batchSize } : {})),
      };
  totals.recipients = "recipients" in begun ? begun.recipients : 0;
  await queue.drained();
  const stopped = options.signal?.aborted ?? false;
  const nothingToResume = begun.status === "not_paused";
  return {
    week,
    ...progress(),
    stopped,
    paused: totals.held > 0,
    nothingToResume,
    deadLetters: queue.deadLetters.length,
  };
}
