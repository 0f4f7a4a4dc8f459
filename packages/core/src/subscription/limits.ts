/** How hard the signup form may be pushed, and by whom. */
import { isIPv4, isIPv6 } from "node:net";
import { TidingsError } from "../error.ts";
import type { Db } from "../store/db.ts";
import { hitRateLimit, type RateLimit } from "../store/rate-limits.ts";

/** A pending address, or any spelling of its mailbox, gets at most one confirmation email per this long. */
export const CONFIRMATION_RESEND_AFTER_MS = 10 * 60 * 1000;

/** Confirmation emails one mailbox gets in all while none of its spellings confirmed. */
export const CONFIRMATIONS_PER_MAILBOX = 3;

/**
 * A signup nobody confirmed is deleted (DynamoDB TTL) this long after its last confirmation
 * email: long after the 48-hour link expired, so a stranger's address is not kept for ever.
 */
export const PENDING_SIGNUP_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/** Limits per client address (a person retrying, an office behind one NAT) and per email address. */
export const SIGNUP_LIMITS = {
  client: [
    { windowSeconds: 60, max: 5 },
    { windowSeconds: 60 * 60, max: 30 },
  ],
  email: [{ windowSeconds: 60 * 60, max: 5 }],
  /** Every spelling of one mailbox together (`bomb+1@x`, `bomb+2@x` …: mailbox.ts). */
  mailbox: [{ windowSeconds: 60 * 60, max: 5 }],
} as const;

/**
 * The key a client address is limited under: an IPv4 address as is (also when IPv4-mapped), an
 * IPv6 address by its /64, since one home or phone gets a whole /64 and could rotate within it.
 */
export function clientKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (isIPv4(address)) return address;
  if (!isIPv6(address)) return address.slice(0, 64) || "unknown";
  const [head = "", tail = ""] = address.toLowerCase().split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const groups = [...left, ...Array(8 - left.length - right.length).fill("0"), ...right];
  return (
    groups
      .slice(0, 4)
      .map((g) => g.replace(/^0+(?=.)/, ""))
      .join(":") + "::/64"
  );
}

async function enforce(
  db: Db,
  limits: readonly Omit<RateLimit, "scope" | "key">[],
  scope: string,
  key: string,
  now: Date,
) {
  for (const limit of limits) {
    const decision = await hitRateLimit(db, { ...limit, scope, key }, now);
    if (!decision.allowed) {
      throw new TidingsError(
        "rate_limited",
        "subscription.rate_limited",
        "Too many signups in a short time. Please wait a few minutes and try again.",
        { data: { retryAfterSeconds: decision.retryAfterSeconds } },
      );
    }
  }
}

/**
 * Throws `subscription.rate_limited` (429) when this client, this address as typed, or its
 * mailbox in any spelling has signed up too often.
 */
export async function enforceSignupLimits(
  db: Db,
  who: { clientAddress: string; subscriberId: string; mailbox: string },
  now: Date,
): Promise<void> {
  await enforce(db, SIGNUP_LIMITS.client, "signup-client", clientKey(who.clientAddress), now);
  await enforce(db, SIGNUP_LIMITS.email, "signup-email", who.subscriberId, now);
  await enforce(db, SIGNUP_LIMITS.mailbox, "signup-mailbox", who.mailbox, now);
}
