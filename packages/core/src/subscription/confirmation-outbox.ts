/**
 * Confirmation emails leave the request path. POST /subscribe does the same work for every valid
 * address (limits, one conditional claim) and then hands the same message to this outbox, so how
 * long it takes says nothing about whether the address was new, pending, active or suppressed.
 * The consumer (after the response locally, the ConfirmQueue Lambda on AWS) sends the email only
 * if the claim made one due, at most once per claim, and gives the claim back if SES refuses it.
 * Any other failure (the email cannot be rendered: templates missing in a broken deploy) makes
 * the email due again and fails the message, so the queue delivers it again, then dead-letters it.
 */
import { SendEmailCommand } from "@aws-sdk/client-sesv2";
import { z } from "zod";
import type { Context } from "../context.ts";
import { afterResponse, localQueue, type LocalQueue } from "../queue/local.ts";
import type { Consume, Queue } from "../queue/queue.ts";
import { retrySes } from "../send/ses-errors.ts";
import { claimMailboxConfirmation, refundMailboxConfirmation } from "../store/mailbox-confirmations.ts";
import { releaseConfirmation, restoreConfirmation, takeConfirmation } from "../store/signup-claims.ts";
import { CONFIRMATION_RESEND_AFTER_MS, CONFIRMATIONS_PER_MAILBOX, PENDING_SIGNUP_TTL_MS } from "./limits.ts";
import { mailboxKey } from "./mailbox.ts";
import { SUBSCRIBER_ID_PREFIX } from "./id.ts";
import { confirmationRequest } from "./confirmation-email.ts";

/** One per signup, whatever became of it; no token, no address. */
export const ConfirmationMessage = z.object({ subscriberId: z.string().startsWith(SUBSCRIBER_ID_PREFIX) });
export type ConfirmationMessage = z.infer<typeof ConfirmationMessage>;

export type ConfirmationOutbox = Queue<ConfirmationMessage>;

export type ConfirmationOutcome = "sent" | "not_due" | "failed";

const mailboxBudget = {
  max: CONFIRMATIONS_PER_MAILBOX,
  gapMs: CONFIRMATION_RESEND_AFTER_MS,
  ttlMs: PENDING_SIGNUP_TTL_MS,
};

/** SES calls per email before the claim is given back (throttling, 5xx, no answer). */
const sesAttempts = { attempts: 3, baseMs: 200, capMs: 2_000 };

/** Sends the confirmation email a message stands for, if one is due. */
export async function deliverConfirmation(
  ctx: Context,
  message: ConfirmationMessage,
  now: Date,
): Promise<ConfirmationOutcome> {
  const id = message.subscriberId;
  const due = await takeConfirmation(ctx.db, id);
  if (!due) return "not_due"; // active, suppressed, sent recently, or this message came twice
  // Every spelling of the mailbox shares one budget: a stranger cannot flood it with `+tags`.
  // Counted at the signup's time, as the per-address rule is, however late the outbox runs.
  const mailbox = await mailboxKey(ctx, due.email);
  const signedUpAt = new Date(due.claimedAt);
  if (!(await claimMailboxConfirmation(ctx.db, mailbox, signedUpAt, mailboxBudget))) {
    ctx.log.info("signup: confirmation not sent, the mailbox had its share", { subscriber: id });
    return "not_due";
  }
  try {
    const request = await confirmationRequest(ctx, { id, email: due.email }, now);
    await retrySes(() => ctx.ses.send(new SendEmailCommand(request)), sesAttempts);
  } catch (error) {
    if (!fromSes(error)) {
      // SES never saw the email (it could not be rendered): due again for this message's next delivery.
      await restoreConfirmation(ctx.db, id, due.claimedAt);
      await refundMailboxConfirmation(ctx.db, mailbox, signedUpAt);
      throw error;
    }
    ctx.log.error("signup: SES refused the confirmation; the reader may sign up again at once", {
      subscriber: id,
      error,
    });
    await releaseConfirmation(ctx.db, id, due.claimedAt);
    await refundMailboxConfirmation(ctx.db, mailbox, signedUpAt);
    return "failed";
  }
  ctx.log.info("signup: confirmation sent", { subscriber: id });
  return "sent";
}

/** SES's answer (a refusal, throttling that outlasted the retries, no answer): the SDK's errors carry `$metadata`. */
const fromSes = (error: unknown) => typeof error === "object" && error !== null && "$metadata" in error;

/** The consumer as both queues run it; `now` is the clock its links are dated by. */
export function confirmationConsumer(ctx: Context, now: () => Date = () => new Date()): Consume<ConfirmationMessage> {
  return async (message) => {
    try {
      await deliverConfirmation(ctx, message, now());
      return "done";
    } catch (error) {
      ctx.log.error("signup: confirmation outbox message failed; it will be delivered again", { error });
      throw error;
    }
  };
}

/**
 * The in-process outbox (`npm start`, tests): messages are consumed after the request has been
 * answered (never in its tick), by the same consumer as on AWS. `drained()` waits for them.
 */
export function localConfirmationOutbox(ctx: Context, now?: () => Date): LocalQueue<ConfirmationMessage> {
  return afterResponse(
    localQueue(confirmationConsumer(ctx, now), {
      schema: ConfirmationMessage,
      concurrency: 4,
      maxReceives: 3,
      retryDelayMs: 1_000,
      log: ctx.log,
    }),
  );
}
