import type { Context as HonoContext } from "hono";
import type { Context } from "@tidings/core/context";

/** What every route can read from `c.var`. */
export interface AppEnv {
  Variables: {
    ctx: Context;
    /** The client address the platform reports (socket or Lambda request context), never a header. */
    clientAddress: string;
    /** The current time (tests pass a clock they can move forward). */
    now: () => Date;
  };
}

export interface AppDeps {
  ctx: Context;
  clientAddress(c: HonoContext): string;
  /** Defaults to the system clock. */
  now?: () => Date;
}
