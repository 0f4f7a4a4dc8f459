/** What went wrong, in terms a user (or the HTTP layer) can act on. */
export type ErrorKind =
  | "invalid" // the input is wrong: 400
  | "unauthorized" // no (valid) credentials: 401
  | "not_found" // 404
  | "forbidden" // a token or signature does not check out: 403
  | "conflict" // the thing is no longer in a state that allows this (a digest being sent): 409
  | "too_large" // 413
  | "rate_limited" // 429
  | "unavailable"; // an upstream (a feed, SES) failed: 502

const statusByKind: Record<ErrorKind, number> = {
  invalid: 400,
  unauthorized: 401,
  not_found: 404,
  forbidden: 403,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  unavailable: 502,
};

export interface TidingsErrorOptions extends ErrorOptions {
  /** Facts the caller acts on (e.g. `retryAfterSeconds`). */
  data?: Record<string, unknown>;
}

/**
 * The one user-facing error type. Anything else that is thrown is a bug or an outage:
 * it is logged and answered with a plain 500. Wrapping another error, pass it on as `cause`,
 * so the logs keep what really happened.
 *
 * @example throw new TidingsError("invalid", "feed.not_a_feed", "not a feed: the document is an HTML page")
 * @example throw new TidingsError("invalid", "feed.malformed", `malformed JSON: ${e.message}`, { cause: e })
 */
export class TidingsError extends Error {
  override readonly name = "TidingsError";
  readonly data: Record<string, unknown> | undefined;
  constructor(
    readonly kind: ErrorKind,
    /** Stable, dotted, machine-readable: `feed.not_a_feed`, `subscription.bad_token`. */
    readonly code: string,
    message: string,
    { data, ...options }: TidingsErrorOptions = {},
  ) {
    super(message, options);
    this.data = data;
  }

  get status(): number {
    return statusByKind[this.kind];
  }
}

export const isTidingsError = (e: unknown): e is TidingsError => e instanceof TidingsError;
