/**
 * Signed links for subscribers, one purpose each (the table below): confirm and change-address
 * (valid 48 hours), unsubscribe and preferences (valid as long as the subscriber exists: links in
 * old issues must keep working); a code under the MAC so a link for one purpose never works for
 * another.
 *
 * A token is base64url of: version 2 (1 byte) · key id (3) · purpose (1) · expiry, epoch
 * seconds, 0 = never (4) · handle (16) · HMAC-SHA256 of everything before it (32): 76
 * characters, URL-safe. The handle is the subscriber id encrypted with AES-256 (one block, a
 * keyed permutation): opaque to the reader, reversible only with the key, so a token names one
 * subscriber without exposing the id or the address. The key id says which key signed it:
 * `TOKEN_SECRET` signs, `TOKEN_SECRET_PREVIOUS` still verifies, and a key in neither is refused.
 * Version 1 tokens (72 characters, no key id: issued before keys could rotate) verify against
 * any configured key.
 */
import { createCipheriv, createDecipheriv, createHmac, timingSafeEqual } from "node:crypto";
import type { Config } from "../config.ts";
import { TidingsError } from "../error.ts";
import { TOKEN_KEY_ID_BYTES, tokenKey, type TokenKey } from "./keys.ts";
import { SUBSCRIBER_ID_PREFIX, subscriberIdBytes } from "./id.ts";

const HOUR_MS = 60 * 60 * 1000;

export const CONFIRM_TOKEN_TTL_MS = 48 * HOUR_MS;

/** One line per purpose: its code in the token (never reuse one) and how long its links live (0: for ever). */
const PURPOSES = {
  confirm: { code: 1, ttlMs: CONFIRM_TOKEN_TTL_MS },
  unsubscribe: { code: 2, ttlMs: 0 },
  preferences: { code: 3, ttlMs: 0 },
  "change-address": { code: 4, ttlMs: CONFIRM_TOKEN_TTL_MS },
} as const satisfies Record<string, { code: number; ttlMs: number }>;

export type TokenPurpose = keyof typeof PURPOSES;

/** The keys a token is signed and verified with. */
export type TokenKeys = Pick<Config, "tokenSecret" | "tokenSecretPrevious">;

const HANDLE = 16;
const MAC = 32;
/** version · purpose · expiry · handle, and where each starts, per token version. */
const LAYOUT = {
  1: { keyId: 0, body: 1 + 1 + 4 + HANDLE },
  2: { keyId: TOKEN_KEY_ID_BYTES, body: 1 + TOKEN_KEY_ID_BYTES + 1 + 4 + HANDLE },
} as const;
const length = (v: 1 | 2) => Math.ceil(((LAYOUT[v].body + MAC) * 4) / 3);

function aes(mode: "encrypt" | "decrypt", key: Buffer, block: Buffer): Buffer {
  const cipher =
    mode === "encrypt" ? createCipheriv("aes-256-ecb", key, null) : createDecipheriv("aes-256-ecb", key, null);
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(block), cipher.final()]);
}

const mac = (key: Buffer, body: Buffer) => createHmac("sha256", key).update(body).digest();

/**
 * A token for one purpose and one subscriber, signed with `TOKEN_SECRET`.
 *
 * @example issueToken(ctx.config, "confirm", subscriber.id, new Date())
 */
export function issueToken(keys: TokenKeys, purpose: TokenPurpose, subscriberId: string, now: Date): string {
  const id = subscriberIdBytes(subscriberId);
  if (!id) throw new Error(`not a subscriber id: ${subscriberId}`);
  const key = tokenKey(keys.tokenSecret);
  const { ttlMs, code } = PURPOSES[purpose];
  const expires = ttlMs ? Math.ceil((now.getTime() + ttlMs) / 1000) : 0;
  const body = Buffer.alloc(LAYOUT[2].body);
  body.writeUInt8(2, 0);
  key.id.copy(body, 1);
  let at = 1 + TOKEN_KEY_ID_BYTES;
  body.writeUInt8(code, at++);
  body.writeUInt32BE(expires, at);
  aes("encrypt", key.handle, id).copy(body, at + 4);
  return Buffer.concat([body, mac(key.mac, body)]).toString("base64url");
}

const invalid = () =>
  new TidingsError(
    "forbidden",
    "subscription.token_invalid",
    "This link is not valid: it may have been cut short or changed. Copy the whole link from the email, or sign up again.",
  );

/** Every key that still verifies: the signing key first, then the previous ones. */
function verifyingKeys(keys: TokenKeys): TokenKey[] {
  return [...new Set([keys.tokenSecret, ...keys.tokenSecretPrevious])].map(tokenKey);
}

/**
 * The subscriber a token was issued to, if it is genuine, for `purpose`, unexpired, and signed
 * by a configured key. Throws `subscription.token_invalid` (altered, truncated, wrong purpose,
 * a retired key) or `subscription.token_expired` (genuine but too old).
 */
export function verifyToken(keys: TokenKeys, purpose: TokenPurpose, token: string, now: Date): string {
  const version = token.length === length(2) ? 2 : token.length === length(1) ? 1 : undefined;
  if (!version || !/^[A-Za-z0-9_-]+$/.test(token)) throw invalid();
  const raw = Buffer.from(token, "base64url");
  const { body: bodyLength, keyId: keyIdLength } = LAYOUT[version];
  if (raw.length !== bodyLength + MAC || raw.readUInt8(0) !== version) throw invalid();
  const body = raw.subarray(0, bodyLength);
  const keyId = body.subarray(1, 1 + keyIdLength);
  // Compare in constant time: the time taken says nothing about how much of a forgery was right.
  const key = verifyingKeys(keys).find(
    (k) => (version === 1 || k.id.equals(keyId)) && timingSafeEqual(mac(k.mac, body), raw.subarray(bodyLength)),
  );
  if (!key) throw invalid();
  let at = 1 + keyIdLength;
  const { code, ttlMs } = PURPOSES[purpose];
  if (body.readUInt8(at++) !== code) throw invalid();
  const expires = body.readUInt32BE(at);
  if (Boolean(ttlMs) !== (expires !== 0)) throw invalid();
  if (expires !== 0 && now.getTime() >= expires * 1000) {
    throw new TidingsError(
      "forbidden",
      "subscription.token_expired",
      `This link has expired: links like it are valid for ${ttlMs / HOUR_MS} hours. Sign up again and we will send you a new one.`,
    );
  }
  return SUBSCRIBER_ID_PREFIX + aes("decrypt", key.handle, body.subarray(at + 4)).toString("base64url");
}
