import type { Context as HonoContext } from "hono";
import type { Context } from "@tidings/core/context";
import type { ConfirmationOutbox } from "@tidings/core/subscription/confirmation-outbox";

/** What every route can read from `c.var`. */
export interface AppEnv {
  Variables: {
    ctx: Context;
    /** Where POST /subscribe hands every signup's confirmation email. */
    confirmations: ConfirmationOutbox;
    /** The client address the platform reports (socket or Lambda request context), never a header. */
    clientAddress: string;
    /** The current time (tests pass a clock they can move forward). */
    now: () => Date;
  };
}

export interface AppDeps {
  ctx: Context;
  /**
   * Where signups' confirmation emails go: SQS on AWS (lambda/api.ts); by default an in-process
   * outbox that sends them after the response, on `ctx` and the app's clock.
   */
  confirmations?: ConfirmationOutbox;
  clientAddress(c: HonoContext): string;
  /** Defaults to the system clock. */
  now?: () => Date;
}
