/**
 * What an SES error means for one send: try again later, give up on this recipient, or stop
 * the whole send because nothing will get through (the account is paused, suspended or out of
 * quota, or its setup is broken). The SES client itself never retries (email/ses.ts): when and
 * how often to try again is ours to decide (`retrySes`), pacing each attempt.
 */
import { withRetry, type RetryOptions } from "../async/retry.ts";

export type Verdict = "retry" | "permanent" | "fatal";

const retryNames = new Set(["ThrottlingException", "TooManyRequestsException", "Throttling", "ServiceUnavailable"]);
// Refusals about the account or its setup, not about one reader: every other send would fail too.
const fatalNames = new Set([
  "AccountSuspendedException",
  "SendingPausedException",
  "MailFromDomainNotVerifiedException",
  "NotFoundException", // e.g. the configuration set is gone
  "LimitExceededException", // the daily quota is spent
]);

export function classifySesError(error: unknown): Verdict {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number }; $retryable?: unknown };
  const name = e?.name ?? "";
  if (fatalNames.has(name)) return "fatal";
  // SES says "Daily message quota exceeded" as a throttling error: waiting minutes will not help.
  if (/quota exceeded/i.test((error as Error | undefined)?.message ?? "")) return "fatal";
  if (retryNames.has(name) || e?.$retryable) return "retry";
  // Not from the SDK at all: our own fault, which no retry mends and every other send would meet.
  if (!e?.$metadata) return "fatal";
  const status = e.$metadata.httpStatusCode;
  if (status === undefined) return "retry"; // no answer at all: network, timeout
  if (status === 429 || status >= 500) return "retry";
  return "permanent";
}

/** Calls SES, again with backoff while it says "later" (throttling, 5xx, no answer), never otherwise. */
export function retrySes<T>(call: () => Promise<T>, options: Omit<RetryOptions, "retryable">): Promise<T> {
  return withRetry(call, { ...options, retryable: (e) => classifySesError(e) === "retry" });
}
