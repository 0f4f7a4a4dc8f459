import type { Context as HonoContext } from "hono";
import type { ApiKeyInfo } from "@tidings/core/admin/api-keys";
import type { Session } from "@tidings/core/admin/sessions";
import type { SignInMessage } from "@tidings/core/admin/sign-in-mail";
import type { Context } from "@tidings/core/context";
import type { Queue } from "@tidings/core/queue/queue";
import type { SendMessage } from "@tidings/core/send/job";
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
    /** Where POST /admin/sign-in hands every request for a sign-in link. */
    deskMail: Queue<SignInMessage>;
    /** The send queue: approving a digest puts its start here (send/start.ts). */
    deliveries: Queue<SendMessage>;
    /** The signed-in editor's session (the desk's pages, after `requireSession`). */
    session: Session;
    /** The API key a request to /api/v1 carries (after `requireApiKey`). */
    apiKey: ApiKeyInfo;
  };
}

export interface AppDeps {
  ctx: Context;
  /**
   * Where signups' confirmation emails go: SQS on AWS (lambda/api.ts); by default an in-process
   * outbox that sends them after the response, on `ctx` and the app's clock.
   */
  confirmations?: ConfirmationOutbox;
  /**
   * Where sign-in requests go: the ConfirmQueue on AWS (lambda/api.ts); by default an in-process
   * outbox that mails the link after the response.
   */
  deskMail?: Queue<SignInMessage>;
  /**
   * The send queue an approval starts a delivery on: the SendQueue on AWS (lambda/api.ts); by
   * default the in-process queue, whose consumer (the same code as the Lambda) sends from the app.
   */
  deliveries?: Queue<SendMessage>;
  clientAddress(c: HonoContext): string;
  /** Defaults to the system clock. */
  now?: () => Date;
}
