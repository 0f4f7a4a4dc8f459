/**
 * What an SES error means for one send: try again later, give up on this recipient, or stop
 * the whole send because nothing will get through (the account is paused, suspended or out of
 * quota, or its setup is broken).
 */
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
  const status = e?.$metadata?.httpStatusCode;
  if (status === undefined) return "retry"; // no answer at all: network, timeout
  if (status === 429 || status >= 500) return "retry";
  return "permanent";
}
