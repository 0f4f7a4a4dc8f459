/**
 * The in-process queue (`npm start`, the CLI, tests): the same consumer code as the SQS Lambda,
 * with SQS's semantics. Bodies travel as JSON and are read with the message's schema on receipt,
 * as on AWS; a body that does not fit goes to the dead-letter list at once, with a log line.
 */
import type { z } from "zod";
import type { Log } from "../log.ts";
import { bodyOf, readBody, type Consume, type Queue } from "./queue.ts";

export interface LocalQueueOptions<T> {
  /** The message's schema: every body is read with it. */
  schema: z.ZodType<T>;
  /** Consumers running at once (the event source's maximum concurrency on AWS). */
  concurrency: number;
  /** Deliveries of one message before it goes to the dead-letter list (SQS maxReceiveCount). */
  maxReceives: number;
  /** Wait before a failed message is delivered again (SQS visibility timeout). */
  retryDelayMs: number;
  log: Log;
  /** Once aborted, no message is started; drained() resolves when the running ones end. */
  signal?: AbortSignal | undefined;
}

export interface LocalQueue<T> extends Queue<T> {
  /** Resolves when every message is consumed or dead-lettered. */
  drained(): Promise<void>;
  /** Messages that kept failing, and bodies that were not messages, as received. */
  readonly deadLetters: unknown[];
}

export function localQueue<T>(consume: Consume<T>, options: LocalQueueOptions<T>): LocalQueue<T> {
  const waiting: { body: string; receives: number }[] = [];
  const deadLetters: unknown[] = [];
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
  const deadLetter = (body: string) => {
    try {
      deadLetters.push(JSON.parse(body));
    } catch {
      deadLetters.push(body);
    }
  };
  const receive = async (body: string): Promise<"done" | "retry" | "malformed"> => {
    const received = readBody(options.schema, body);
    if (received.ok) return consume(received.message);
    options.log.error("queue: not a message of this queue, dead-lettered", { reason: received.reason });
    return "malformed";
  };
  const pump = () => {
    while (!stopped() && running < options.concurrency && waiting.length > 0) {
      const entry = waiting.shift()!;
      entry.receives++;
      running++;
      receive(entry.body)
        .catch((e: unknown) => {
          failure ??= e; // a consumer bug: surface it from drained()
          return "retry" as const;
        })
        .then((outcome) => {
          running--;
          if (outcome === "malformed") deadLetter(entry.body);
          else if (outcome === "retry") {
            if (entry.receives >= options.maxReceives) deadLetter(entry.body);
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
    async enqueue(messages) {
      waiting.push(...messages.map((message) => ({ body: bodyOf(message), receives: 0 })));
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

/**
 * A local queue whose messages are handed over after the current request has been answered (never
 * in its tick), as SQS would take them: the outboxes of `npm start` and the tests.
 */
export function afterResponse<T>(queue: LocalQueue<T>): LocalQueue<T> {
  let handedOver = Promise.resolve();
  return {
    deadLetters: queue.deadLetters,
    async enqueue(messages) {
      handedOver = new Promise<void>((resolve) => setImmediate(resolve)).then(() => queue.enqueue(messages));
    },
    async drained() {
      await handedOver;
      await queue.drained();
    },
  };
}
