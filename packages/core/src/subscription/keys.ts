/**
 * Keys derived from the one configured secret (`TOKEN_SECRET`), one per use, so a value made
 * for one purpose can never be replayed as another: HKDF-SHA256 with a distinct label each.
 */
import { hkdfSync } from "node:crypto";

export interface SubscriptionKeys {
  /** Keys the hash that turns an address into a subscriber id. */
  id: Buffer;
  /** Encrypts a subscriber id into the opaque handle a token carries. */
  handle: Buffer;
  /** Signs tokens (HMAC-SHA256). */
  mac: Buffer;
}

const cache = new Map<string, SubscriptionKeys>();

function derive(secret: string, label: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "tidings", `tidings/subscription/${label}`, 32));
}

/** The keys for a secret (computed once per secret). */
export function subscriptionKeys(secret: string): SubscriptionKeys {
  if (!secret) throw new Error("the token secret is empty");
  let keys = cache.get(secret);
  if (!keys) {
    keys = { id: derive(secret, "id"), handle: derive(secret, "handle"), mac: derive(secret, "token-mac") };
    cache.set(secret, keys);
  }
  return keys;
}
