/**
 * The desk's secrets — sign-in links, session cookies, CSRF tokens, API keys — are random 256-bit
 * values, shown once and stored only as their SHA-256: a copy of the table signs nobody in.
 * (They are not subscriber tokens, which are signed: subscription/token.ts.)
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** 32 random bytes, base64url (43 characters). */
export const newSecret = (): string => randomBytes(32).toString("base64url");

/** What the table keeps of a secret. */
export const hashSecret = (secret: string): string => createHash("sha256").update(secret).digest("base64url");

/** Compares two strings in constant time (for equal lengths; unequal lengths are simply false). */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A secret's shape: what a cookie, link or form field must look like before anything is read. */
export const isSecretShaped = (value: string | undefined): value is string =>
  value !== undefined && /^[A-Za-z0-9_-]{43}$/.test(value);
