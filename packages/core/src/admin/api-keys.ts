/**
 * API keys for `/api/v1/`: `tidings_<id>_<secret>`, shown once when created; the table keeps the
 * public id and the key's SHA-256 (store/api-keys.ts). A key is checked by one GetItem on its id
 * and a constant-time comparison of hashes; a revoked key stays listed and never works again.
 */
import { randomBytes } from "node:crypto";
import type { Context } from "../context.ts";
import { TidingsError } from "../error.ts";
import { getApiKey, listApiKeys, putApiKey, revokeApiKeyRow, touchApiKey, type ApiKey } from "../store/api-keys.ts";
import { recordAction } from "./audit.ts";
import { hashSecret, newSecret, sameSecret } from "./secret.ts";

export type { ApiKey };

const shape = /^tidings_([0-9a-f]{16})_[A-Za-z0-9_-]{43}$/;

/** A key's last use is written at most this often. */
const TOUCH_EVERY_MS = 60_000;

/** What the list shows of a key: never its hash. */
export type ApiKeyInfo = Omit<ApiKey, "hash">;
const info = ({ hash: _hash, ...rest }: ApiKey): ApiKeyInfo => rest;

/**
 * Creates a key; the returned `key` is the only copy there will ever be.
 *
 * @example const { key } = await createApiKey(ctx, "newsletter site", "editor@example.com", new Date())
 */
export async function createApiKey(
  ctx: Context,
  name: string,
  by: string,
  now: Date,
): Promise<{ key: string; apiKey: ApiKeyInfo }> {
  const label = name.trim();
  if (!label || label.length > 100) {
    throw new TidingsError("invalid", "admin.key_name", "Give the key a name of 1 to 100 characters.");
  }
  const id = randomBytes(8).toString("hex");
  const key = `tidings_${id}_${newSecret()}`;
  const apiKey: ApiKey = { id, name: label, hash: hashSecret(key), createdAt: now.toISOString(), createdBy: by };
  await putApiKey(ctx.db, apiKey);
  await recordAction(ctx, { by, action: "api-key.create", detail: `key "${label}" (${id})` }, now);
  return { key, apiKey: info(apiKey) };
}

/** The live key a bearer token is, or undefined (malformed, unknown, wrong secret, revoked). */
export async function verifyApiKey(ctx: Context, key: string, now: Date): Promise<ApiKeyInfo | undefined> {
  const id = shape.exec(key)?.[1];
  if (!id) return undefined;
  const stored = await getApiKey(ctx.db, id);
  if (!stored || stored.revokedAt || !sameSecret(stored.hash, hashSecret(key))) return undefined;
  await touchApiKey(ctx.db, id, now, TOUCH_EVERY_MS);
  return info(stored);
}

export const apiKeys = async (ctx: Context): Promise<ApiKeyInfo[]> => (await listApiKeys(ctx.db)).map(info);

/** Revokes a key by its id: from now on it authorises nothing. */
export async function revokeApiKey(ctx: Context, id: string, by: string, now: Date): Promise<void> {
  if (!(await revokeApiKeyRow(ctx.db, id, by, now))) {
    throw new TidingsError("not_found", "admin.key_not_found", "There is no such key, or it was revoked already.");
  }
  await recordAction(ctx, { by, action: "api-key.revoke", detail: `key ${id}` }, now);
}
