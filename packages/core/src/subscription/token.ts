/**
 * Signed links for subscribers: confirm and change-address (valid 48 hours), unsubscribe and
 * preferences (valid as long as the subscriber exists: links in old issues must keep working).
 *
 * A token is base64url of: version (1 byte) · purpose (1) · expiry, epoch seconds, 0 = never (4) ·
 * handle (16) · HMAC-SHA256 of everything before it (32) — 72 characters, URL-safe. The handle is
 * the subscriber id encrypted with AES-256 (one block, a keyed permutation): opaque to the reader,
 * reversible only with the secret, so a token names one subscriber without exposing the id or the
 * address. Purpose and expiry are under the MAC: a confirm token cannot unsubscribe, an
 * unsubscribe token cannot confirm, and neither can be stretched.
 */
import { createCipheriv, createDecipheriv, createHmac, timingSafeEqual } from "node:crypto";
import { TidingsError } from "../error.ts";
import { subscriptionKeys } from "./keys.ts";
import { SUBSCRIBER_ID_PREFIX, subscriberIdBytes } from "./subscriber.ts";

export const CONFIRM_TOKEN_TTL_MS = 48 * 60 * 60 * 1000;

/** Each purpose: its code in the token, and how long its tokens last (0: as long as the subscriber exists). */
const PURPOSES = {
  confirm: { code: 1, ttlMs: CONFIRM_TOKEN_TTL_MS },
  unsubscribe: { code: 2, ttlMs: 0 },
  preferences: { code: 3, ttlMs: 0 },
  "change-address": { code: 4, ttlMs: CONFIRM_TOKEN_TTL_MS },
} as const;

export type TokenPurpose = keyof typeof PURPOSES;

const VERSION = 1;
const BODY_LENGTH = 1 + 1 + 4 + 16;
const MAC_LENGTH = 32;
const TOKEN_LENGTH = BODY_LENGTH + MAC_LENGTH;

function aes(mode: "encrypt" | "decrypt", key: Buffer, block: Buffer): Buffer {
  const cipher =
    mode === "encrypt" ? createCipheriv("aes-256-ecb", key, null) : createDecipheriv("aes-256-ecb", key, null);
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(block), cipher.final()]);
}

const mac = (key: Buffer, body: Buffer) => createHmac("sha256", key).update(body).digest();

/**
 * A token for one purpose and one subscriber.
 *
 * @example issueToken(secret, "confirm", subscriber.id, new Date())
 */
export function issueToken(secret: string, purpose: TokenPurpose, subscriberId: string, now: Date): string {
  const id = subscriberIdBytes(subscriberId);
  if (!id) throw new Error(`not a subscriber id: ${subscriberId}`);
  const keys = subscriptionKeys(secret);
  const { ttlMs } = PURPOSES[purpose];
  const expires = ttlMs ? Math.ceil((now.getTime() + ttlMs) / 1000) : 0;
  const body = Buffer.alloc(BODY_LENGTH);
  body.writeUInt8(VERSION, 0);
  body.writeUInt8(PURPOSES[purpose].code, 1);
  body.writeUInt32BE(expires, 2);
  aes("encrypt", keys.handle, id).copy(body, 6);
  return Buffer.concat([body, mac(keys.mac, body)]).toString("base64url");
}

const invalid = () =>
  new TidingsError(
    "forbidden",
    "subscription.token_invalid",
    "This link is not valid: it may have been cut short or changed. Copy the whole link from the email, or sign up again.",
  );

/**
 * The subscriber a token was issued to, if it is genuine, for `purpose`, and unexpired.
 * Throws `subscription.token_invalid` (altered, truncated, wrong purpose) or
 * `subscription.token_expired` (genuine but too old).
 */
export function verifyToken(secret: string, purpose: TokenPurpose, token: string, now: Date): string {
  if (!/^[A-Za-z0-9_-]{72}$/.test(token)) throw invalid();
  const raw = Buffer.from(token, "base64url");
  if (raw.length !== TOKEN_LENGTH) throw invalid();
  const keys = subscriptionKeys(secret);
  const body = raw.subarray(0, BODY_LENGTH);
  // Compare in constant time: the time taken says nothing about how much of a forgery was right.
  if (!timingSafeEqual(mac(keys.mac, body), raw.subarray(BODY_LENGTH))) throw invalid();
  if (body.readUInt8(0) !== VERSION || body.readUInt8(1) !== PURPOSES[purpose].code) throw invalid();
  const expires = body.readUInt32BE(2);
  if (expires !== 0 && now.getTime() >= expires * 1000) {
    throw new TidingsError(
      "forbidden",
      "subscription.token_expired",
      "This confirmation link has expired: links are valid for 48 hours. Sign up again and we will send you a new one.",
    );
  }
  if (PURPOSES[purpose].ttlMs && expires === 0) throw invalid();
  return SUBSCRIBER_ID_PREFIX + aes("decrypt", keys.handle, body.subarray(6)).toString("base64url");
}
