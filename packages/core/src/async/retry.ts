/** Retries with exponential backoff and full jitter (AWS's recommended shape). */
export interface RetryOptions {
  /** Attempts in all, the first included. */
  attempts: number;
  baseMs: number;
  capMs: number;
  retryable(error: unknown): boolean;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function withRetry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const sleep = options.sleep ?? delay;
  const random = options.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (attempt >= options.attempts || !options.retryable(error)) throw error;
      await sleep(random() * Math.min(options.capMs, options.baseMs * 2 ** (attempt - 1)));
    }
  }
}
