/**
 * What an SES error means for one send: try again later, give up on this recipient, or stop
 * the whole send because nothing will get through (the account is paused or suspended).
 */
export type Verdict = "retry" | "permanent" | "fatal";

const retryNames = new Set(["ThrottlingException", "TooManyRequestsException", "Throttling", "ServiceUnavailable"]);
const fatalNames = new Set([
  "AccountSuspendedException",
  "SendingPausedException",
  "MailFromDomainNotVerifiedException",
]);

export function classifySesError(error: unknown): Verdict {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number }; $retryable?: unknown };
  const name = e?.name ?? "";
  if (fatalNames.has(name)) return "fatal";
  if (retryNames.has(name) || e?.$retryable) return "retry";
  const status = e?.$metadata?.httpStatusCode;
  if (status === undefined) return "retry"; // no answer at all: network, timeout
  if (status === 429 || status >= 500) return "retry";
  return "permanent";
}
