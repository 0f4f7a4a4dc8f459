/**
 * A signup: the same work and the same outcome for the caller whatever the address's state, so
 * neither the answer nor the time it takes reveals who is subscribed. The email itself is sent
 * later, from the confirmation outbox (confirmation-outbox.ts), and only when the claim made it due.
 */
import type { Context } from "../context.ts";
import { claimConfirmation } from "../store/signup-claims.ts";
import type { EmailAddress } from "./address.ts";
import type { ConfirmationOutbox } from "./confirmation-outbox.ts";
import { CONFIRMATION_RESEND_AFTER_MS, enforceSignupLimits, PENDING_SIGNUP_TTL_MS } from "./limits.ts";
import { mailboxKey } from "./mailbox.ts";
import { subscriberId, type Consent } from "./subscriber.ts";

export interface SignupRequest {
  email: EmailAddress;
  consent: Consent;
}

/**
 * Records the signup, claims a confirmation email when one is due (new, pending for over 10
 * minutes, or unsubscribed), and hands one message to the outbox in every case. Throws only
 * `subscription.rate_limited` (and storage or queue failures).
 */
export async function requestSubscription(
  ctx: Context,
  outbox: ConfirmationOutbox,
  request: SignupRequest,
  now: Date,
): Promise<void> {
  const id = await subscriberId(ctx, request.email);
  const mailbox = await mailboxKey(ctx, request.email);
  await enforceSignupLimits(ctx.db, { clientAddress: request.consent.clientAddress, subscriberId: id, mailbox }, now);
  const claimed = await claimConfirmation(ctx.db, {
    id,
    email: request.email,
    consent: request.consent,
    now,
    resendAfterMs: CONFIRMATION_RESEND_AFTER_MS,
    expiresAfterMs: PENDING_SIGNUP_TTL_MS,
  });
  await outbox.enqueue([{ subscriberId: id }]);
  ctx.metrics.count("Signups");
  ctx.log.info("signup", { subscriber: id, form: request.consent.form, confirmationDue: claimed });
}
