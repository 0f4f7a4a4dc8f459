/** The click on the double opt-in link. */
import type { Context } from "../context.ts";
import { TidingsError } from "../error.ts";
import { resetMailbox } from "../store/mailbox-confirmations.ts";
import { activateSubscriber } from "../store/subscriber-state.ts";
import { getSubscriber } from "../store/subscribers.ts";
import { mailboxKey } from "./mailbox.ts";
import type { Confirmation } from "./subscriber.ts";
import { verifyToken } from "./token.ts";

/** Checks a confirm token without changing anything (a HEAD request). Throws on a bad token. */
export function checkConfirmToken(ctx: Context, token: string, now: Date): void {
  verifyToken(ctx.config, "confirm", token, now);
}

/**
 * Activates the subscriber a confirm token names, and says who it was (the welcome page links
 * their preference center). Idempotent: a second click is "already".
 * Throws `subscription.token_invalid` / `token_expired` for a bad token, and
 * `subscription.not_pending` when the address left or was suppressed after the email went out.
 */
export async function confirmSubscription(
  ctx: Context,
  token: string,
  who: Omit<Confirmation, "at">,
  now: Date,
): Promise<{ status: "confirmed" | "already"; subscriberId: string }> {
  const id = verifyToken(ctx.config, "confirm", token, now);
  const outcome = await activateSubscriber(ctx.db, id, { ...who, at: now.toISOString() });
  ctx.log.info("confirm", { subscriber: id, outcome });
  switch (outcome) {
    case "activated": {
      // Confirmed: should they leave and sign up again, the mailbox's budget starts afresh.
      const reader = await getSubscriber(ctx.db, id);
      if (reader) await resetMailbox(ctx.db, await mailboxKey(ctx, reader.email));
      return { status: "confirmed", subscriberId: id };
    }
    case "active":
      return { status: "already", subscriberId: id };
    case "unsubscribed":
      throw new TidingsError(
        "forbidden",
        "subscription.not_pending",
        "This address was unsubscribed after this link was sent, so the link no longer works. To subscribe again, sign up below.",
      );
    case "suppressed":
      throw new TidingsError(
        "forbidden",
        "subscription.not_pending",
        "We cannot send the newsletter to this address: mail to it bounced or was reported as spam.",
      );
    default: // "missing", or pending after a race: the token cannot be acted on
      throw new TidingsError(
        "forbidden",
        "subscription.token_invalid",
        "This link is not valid any more. Sign up again and we will send you a new one.",
      );
  }
}
