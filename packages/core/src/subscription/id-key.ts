/**
 * The key subscriber ids are computed with: the installation's own, stored in the table
 * (`INSTALLATION` / `KEY#id`), so rotating the token key never changes who a subscriber is.
 *
 * The migration runs the first time a process needs the key and finds none: an installation
 * that already has subscribers gets exactly the key its ids were made with before (HKDF of the
 * token secret, label `id`), checked against one of its rows, so no id changes and no row is
 * rewritten; a new installation gets a random key. It is idempotent: a conditional Put, so two
 * processes racing store one key, and once stored it is only ever read.
 */
import { randomBytes } from "node:crypto";
import type { Config } from "../config.ts";
import { TidingsError } from "../error.ts";
import type { Db } from "../store/db.ts";
import {
  anySubscriberWithAddress,
  getInstallationKey,
  putInstallationKey,
  type InstallationKey,
} from "../store/installation-keys.ts";
import type { EmailAddress } from "./address.ts";
import { idWithKey } from "./id.ts";
import { legacyIdKey } from "./keys.ts";

export const ID_KEY = "id";

export interface Keyed {
  db: Db;
  config: Pick<Config, "tokenSecret" | "tokenSecretPrevious">;
}

/**
 * Writes the installation's id key if it has none (idempotent), and says what stands.
 * Throws `config.id_key_unknown` when the table has subscribers but none of the configured token
 * keys made their ids: the token secret was changed before this upgrade ran.
 */
export async function migrateIdKey(ctx: Keyed, now = new Date()): Promise<InstallationKey> {
  const stored = await getInstallationKey(ctx.db, ID_KEY);
  if (stored) return stored;
  const reader = await anySubscriberWithAddress(ctx.db);
  let value: Buffer;
  if (reader) {
    const secrets = [ctx.config.tokenSecret, ...ctx.config.tokenSecretPrevious];
    const made = secrets.map(legacyIdKey).find((key) => idWithKey(key, reader.email as EmailAddress) === reader.id);
    if (!made) {
      throw new TidingsError(
        "unavailable",
        "config.id_key_unknown",
        "This table's subscribers were keyed by a token secret that is not configured: set TOKEN_SECRET " +
          "(or TOKEN_SECRET_PREVIOUS) to the secret the installation used before upgrading, then retry.",
      );
    }
    value = made;
  } else {
    value = randomBytes(32);
  }
  return putInstallationKey(ctx.db, {
    name: ID_KEY,
    value: value.toString("base64url"),
    origin: reader ? "derived-from-token-secret" : "random",
    createdAt: now.toISOString(),
  });
}

const keys = new WeakMap<Db, Promise<Buffer>>();

/** The installation's id key, read (or migrated) once per process and table. */
export function idKey(ctx: Keyed): Promise<Buffer> {
  let key = keys.get(ctx.db);
  if (!key) {
    key = migrateIdKey(ctx).then((k) => Buffer.from(k.value, "base64url"));
    key.catch(() => keys.delete(ctx.db)); // a failure is not remembered: the next call tries again
    keys.set(ctx.db, key);
  }
  return key;
}
