/**
 * Signing in without a password. `requestSignIn` does the same work for every address (limits,
 * one outbox message), so neither its answer nor its timing says who is an editor; the outbox's
 * consumer mails an editor a single-use link valid 15 minutes (sign-in-mail.ts). Opening the
 * link changes nothing (`checkSignInLink`: mail scanners open links); the page's button uses it
 * (`signIn`) and starts a session.
 */
import type { Context } from "../context.ts";
import { TidingsError } from "../error.ts";
import type { Queue } from "../queue/queue.ts";
import { getSignInLink, takeSignInLink } from "../store/sign-in-links.ts";
import { hitRateLimit, type RateLimit } from "../store/rate-limits.ts";
import type { EmailAddress } from "../subscription/address.ts";
import { clientKey, SIGNUP_LIMITS } from "../subscription/limits.ts";
import { subscriberId } from "../subscription/subscriber.ts";
import { recordAction } from "./audit.ts";
import { isEditor } from "./editors.ts";
import { hashSecret, isSecretShaped } from "./secret.ts";
import { startSession, type Session, type Who } from "./sessions.ts";
import type { SignInMessage } from "./sign-in-mail.ts";

/** The same limits as signups: per client address (IPv6 by /64), and per address asked for. */
export const SIGN_IN_LIMITS = SIGNUP_LIMITS;

async function enforce(
  ctx: Context,
  limits: readonly Omit<RateLimit, "scope" | "key">[],
  scope: string,
  key: string,
  now: Date,
) {
  for (const limit of limits) {
    const decision = await hitRateLimit(ctx.db, { ...limit, scope, key }, now);
    if (!decision.allowed) {
      throw new TidingsError(
        "rate_limited",
        "admin.rate_limited",
        "Too many sign-in requests. Please wait a few minutes.",
        {
          data: { retryAfterSeconds: decision.retryAfterSeconds },
        },
      );
    }
  }
}

/**
 * Asks for a sign-in link. Throws only `admin.rate_limited` (and storage or queue faults).
 * The per-address limit keys on the keyed hash subscriber ids use, never the address in clear.
 */
export async function requestSignIn(
  ctx: Context,
  outbox: Queue<SignInMessage>,
  request: { email: EmailAddress; clientAddress: string },
  now: Date,
): Promise<void> {
  await enforce(ctx, SIGN_IN_LIMITS.client, "sign-in-client", clientKey(request.clientAddress), now);
  await enforce(ctx, SIGN_IN_LIMITS.email, "sign-in-email", await subscriberId(ctx, request.email), now);
  const editor = isEditor(ctx.config, request.email) ? request.email.toLowerCase() : null;
  await outbox.enqueue([{ signIn: editor }]);
}

const refused = () =>
  new TidingsError(
    "forbidden",
    "admin.link_invalid",
    "This sign-in link is not valid: it was used already, has expired (links last 15 minutes), or was cut short. Ask for a new one.",
  );

/** Checks a link without using it (the page with the button). Throws `admin.link_invalid`. */
export async function checkSignInLink(ctx: Context, token: string, now: Date): Promise<void> {
  if (!isSecretShaped(token)) throw refused();
  const link = await getSignInLink(ctx.db, hashSecret(token));
  if (!link || link.validUntil <= now.toISOString() || !isEditor(ctx.config, link.editor)) throw refused();
}

/** Uses a link, once: a session for its editor. Throws `admin.link_invalid` (forged, used, expired). */
export async function signIn(
  ctx: Context,
  token: string,
  who: Who,
  now: Date,
): Promise<{ token: string; session: Session }> {
  if (!isSecretShaped(token)) throw refused();
  const link = await takeSignInLink(ctx.db, hashSecret(token), now);
  if (!link || !isEditor(ctx.config, link.editor)) throw refused();
  const started = await startSession(ctx, link.editor, who, now);
  await recordAction(ctx, { by: link.editor, action: "sign-in", detail: `from ${who.clientAddress}` }, now);
  return started;
}
