/**
 * Keys derived from a token key (`TOKEN_SECRET`, or one of `TOKEN_SECRET_PREVIOUS`), one per
 * use, so a value made for one purpose can never be replayed as another: HKDF-SHA256 with a
 * distinct label each. Subscriber ids are not keyed by these any more (id-key.ts): rotating the
 * token key changes links, never who a subscriber is.
 */
import { hkdfSync } from "node:crypto";

export interface TokenKey {
  /** A public fingerprint carried in every token, so verification knows which key signed it. */
  id: Buffer;
  /** Encrypts a subscriber id into the opaque handle a token carries. */
  handle: Buffer;
  /** Signs tokens (HMAC-SHA256). */
  mac: Buffer;
}

export const TOKEN_KEY_ID_BYTES = 3;

const cache = new Map<string, TokenKey>();

function derive(secret: string, label: string): Buffer {
  if (!secret) throw new Error("the token secret is empty");
  return Buffer.from(hkdfSync("sha256", secret, "tidings", `tidings/subscription/${label}`, 32));
}

/** The keys of one token secret (computed once per secret). */
export function tokenKey(secret: string): TokenKey {
  let key = cache.get(secret);
  if (!key) {
    key = {
      id: derive(secret, "key-id").subarray(0, TOKEN_KEY_ID_BYTES),
      handle: derive(secret, "handle"),
      mac: derive(secret, "token-mac"),
    };
    cache.set(secret, key);
  }
  return key;
}

/**
 * The id key an installation had before ids got a stored key of their own: the migration
 * (id-key.ts) writes exactly this for an existing installation, so no id changes.
 */
export const legacyIdKey = (secret: string): Buffer => derive(secret, "id");
