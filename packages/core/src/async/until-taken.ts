/**
 * Batch calls (DynamoDB's BatchWriteItem and BatchGetItem, SQS's SendMessageBatch) can succeed
 * as a whole yet hand back entries they did not take, under throttling. The SDK retries a call
 * that failed, never those entries: this sends them again, with backoff, until all are taken.
 */
import { withRetry } from "./retry.ts";

export interface UntilTakenOptions {
  /** Calls in all, the first included. */
  attempts: number;
  baseMs: number;
  capMs: number;
}

/** Entries a batch call still handed back after the last attempt. */
export class NotTaken extends Error {
  override name = "NotTaken";
}

/**
 * Calls `send` with `pending`, then with what it hands back, until nothing is left; throws
 * `NotTaken` if something still is after `attempts` calls. Whatever `send` throws is not retried
 * here (the SDK has retried it already).
 *
 * @example await untilTaken(requests, "writes", async (left) => unprocessedOf(await batchWrite(left)), options)
 */
export async function untilTaken<T>(
  pending: T[],
  what: string,
  send: (pending: T[]) => Promise<T[]>,
  { attempts, baseMs, capMs }: UntilTakenOptions,
): Promise<void> {
  await withRetry(
    async (attempt) => {
      pending = await send(pending);
      if (pending.length) throw new NotTaken(`${pending.length} ${what} not taken after ${attempt} attempts`);
    },
    { attempts, baseMs, capMs, retryable: (e) => e instanceof NotTaken },
  );
}
