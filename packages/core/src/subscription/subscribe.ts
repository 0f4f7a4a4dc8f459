/**
 * A signup: the same outcome for the caller whatever the address's state, so the form reveals
 * nothing about who is subscribed; only a new, pending or unsubscribed address gets an email.
 */
import type { Context } from "../context.ts";
import { claimConfirmation, releaseConfirmation } from "../store/signup-claims.ts";
import type { EmailAddress } from "./address.ts";
import { sendConfirmation } from "./confirmation-email.ts";
import { CONFIRMATION_RESEND_AFTER_MS, enforceSignupLimits, PENDING_SIGNUP_TTL_MS } from "./limits.ts";
import { subscriberId, type Consent } from "./subscriber.ts";

export interface SignupRequest {
  email: EmailAddress;
  consent: Consent;
}

/**
 * Records the signup and sends the confirmation email when one is due. Throws only
 * `subscription.rate_limited`; a failed send is logged and the claim given back, so the reader
 * can retry at once (the answer stays the same: an error here would tell a stranger that the
 * address was not yet subscribed).
 */
export async function requestSubscription(ctx: Context, request: SignupRequest, now: Date): Promise<void> {
  const id = subscriberId(ctx.config.tokenSecret, request.email);
  await enforceSignupLimits(ctx.db, { clientAddress: request.consent.clientAddress, subscriberId: id }, now);
  const claim = await claimConfirmation(ctx.db, {
    id,
    email: request.email,
    consent: request.consent,
    now,
    resendAfterMs: CONFIRMATION_RESEND_AFTER_MS,
    expiresAfterMs: PENDING_SIGNUP_TTL_MS,
  });
  if (!claim.claimed) {
    ctx.log.info("signup: no email due (active, suppressed, or confirmation sent recently)", { subscriber: id });
    return;
  }
  try {
    await sendConfirmation(ctx, { id, email: request.email }, now);
    ctx.log.info("signup: confirmation sent", { subscriber: id, form: request.consent.form });
  } catch (error) {
    ctx.log.error("signup: confirmation could not be sent", { subscriber: id, error });
    await releaseConfirmation(ctx.db, id, now, claim.previousSentAt);
  }
}
