/**
 * The send queue: fan-out puts jobs in, consumers take them out. On AWS it is SQS (with a
 * dead-letter queue) feeding the consumer Lambda; locally an in-process queue runs the same
 * consumer code with the same semantics: at-least-once delivery, retries, a dead-letter list.
 * The same two queues, typed by their message, carry confirmation emails too
 * (subscription/confirmation-outbox.ts).
 */
import { SendMessageBatchCommand, SQSClient } from "@aws-sdk/client-sqs";
import { withRetry } from "../async/retry.ts";

/** One queue message: a batch of recipients of one digest. */
export interface SendJob {
  week: string;
  subscriberIds: string[];
}

export interface SendQueue<T = SendJob> {
  enqueue(jobs: T[]): Promise<void>;
}

/**
 * An SQS queue from a linked URL (`name` says which link, if it is missing). At most 10 messages
 * go per SendMessageBatch; entries SQS refuses are sent again with backoff, then thrown.
 */
export function sqsQueue<T = SendJob>(region: string, queueUrl: string | undefined, name: string): SendQueue<T> {
  if (!queueUrl) throw new Error(`the ${name} queue is not linked to this function (sst.config.ts)`);
  const sqs = new SQSClient({ region });
  return {
    async enqueue(jobs) {
      for (let i = 0; i < jobs.length; i += 10) {
        let entries = jobs.slice(i, i + 10).map((job, n) => ({ Id: String(n), MessageBody: JSON.stringify(job) }));
        await withRetry(
          async () => {
            const { Failed = [] } = await sqs.send(
              new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }),
            );
            const failed = new Set(Failed.map((f) => f.Id));
            entries = entries.filter((e) => failed.has(e.Id));
            if (entries.length) throw new Error(`SQS refused ${entries.length} messages: ${Failed[0]?.Message}`);
          },
          { attempts: 5, baseMs: 100, capMs: 2_000, retryable: () => true },
        );
      }
    },
  };
}

export interface LocalQueueOptions {
  /** Consumers running at once (the event source's maximum concurrency on AWS). */
  concurrency: number;
  /** Deliveries of one job before it goes to the dead-letter list (SQS maxReceiveCount). */
  maxReceives: number;
  /** Wait before a failed job is delivered again (SQS visibility timeout). */
  retryDelayMs: number;
  /** Once aborted, no job is started; drained() resolves when the running ones end. */
  signal?: AbortSignal | undefined;
}

/** What a consumer says of a job: done, or "deliver it again later". */
export type Consume<T = SendJob> = (job: T) => Promise<"done" | "retry">;

export interface LocalQueue<T = SendJob> extends SendQueue<T> {
  /** Resolves when every job is consumed or dead-lettered. */
  drained(): Promise<void>;
  readonly deadLetters: T[];
}

export function localQueue<T = SendJob>(consume: Consume<T>, options: LocalQueueOptions): LocalQueue<T> {
  const waiting: { job: T; receives: number }[] = [];
  const deadLetters: T[] = [];
  let running = 0;
  let delayed = 0;
  let idle: (() => void)[] = [];
  let failure: unknown;

  const stopped = () => options.signal?.aborted ?? false;
  const settle = () => {
    if (running === 0 && (stopped() || (delayed === 0 && waiting.length === 0))) {
      idle.forEach((r) => r());
      idle = [];
    }
  };
  const pump = () => {
    while (!stopped() && running < options.concurrency && waiting.length > 0) {
      const entry = waiting.shift()!;
      entry.receives++;
      running++;
      consume(entry.job)
        .catch((e: unknown) => {
          failure ??= e; // a consumer bug: surface it from drained()
          return "retry" as const;
        })
        .then((outcome) => {
          running--;
          if (outcome === "retry") {
            if (entry.receives >= options.maxReceives) deadLetters.push(entry.job);
            else {
              delayed++;
              setTimeout(() => {
                delayed--;
                waiting.push(entry);
                pump();
              }, options.retryDelayMs);
            }
          }
          pump();
          settle();
        });
    }
  };
  options.signal?.addEventListener("abort", settle);
  return {
    deadLetters,
    async enqueue(jobs) {
      waiting.push(...jobs.map((job) => ({ job, receives: 0 })));
      pump();
    },
    drained() {
      return new Promise<void>((resolve, reject) => {
        idle.push(() => (failure ? reject(failure) : resolve()));
        settle();
      });
    },
  };
}
