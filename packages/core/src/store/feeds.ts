/**
 * Feed state (`feedKeys` in keys.ts; every feed listed in GSI1): where a feed lives now, its HTTP
 * validators, and how fetching it has gone — so a failing feed backs off and a 410 disables it,
 * without touching any other feed. The key comes from the configured source, so a permanent
 * redirect changes the URL but not the key (nor the items' keys).
 */
import { createHash } from "node:crypto";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { updateIf } from "./conditional.ts";
import { queryAll } from "./batch.ts";
import type { Db } from "./db.ts";
import { dataOf, feedKeys } from "./keys.ts";
import { GSI1 } from "./table.ts";

export interface FeedState {
  feedKey: string;
  /** As configured (FEEDS or --feed): a URL or a local file. */
  source: string;
  /** Where to fetch it now: the source, or where it permanently moved. */
  url: string;
  title?: string | undefined;
  etag?: string | undefined;
  lastModified?: string | undefined;
  lastAttemptAt?: string | undefined;
  lastSuccessAt?: string | undefined;
  lastError?: string | undefined;
  lastErrorAt?: string | undefined;
  /** Consecutive failures; 0 after a success. */
  failures: number;
  /** Not before this instant (backoff after failures). */
  nextAttemptAt?: string | undefined;
  /** Set when the feed answered 410 Gone: never fetched again. */
  disabled?: string | undefined;
  /** When the current run of failures began (cleared by a success): "failing since". */
  failingSince?: string | undefined;
}

/**
 * A feed's place in the registry (feed/registry.ts): `active` feeds are read by every ingest run,
 * `paused` ones are not; a state without a status (a one-off `--feed`, a removed feed) is not in
 * the registry. Written only by the registry, never by an ingest run.
 */
export interface FeedRegistration {
  status?: "active" | "paused" | undefined;
  addedAt?: string | undefined;
  addedBy?: string | undefined;
}

export type RegisteredFeed = FeedState & FeedRegistration;

const registryFields = ["status", "addedAt", "addedBy"] as const;

/**
 * A source as the registry keys it: a URL as written, a local file by its absolute path (relative
 * paths taken from the working directory, the repository root for npm scripts), so that
 * `--feed templates/feeds/x.xml` and the same file in FEEDS are one feed.
 */
export function canonicalSource(source: string): string {
  const s = source.trim();
  if (/^https?:\/\//i.test(s)) return s;
  return resolve(s.startsWith("file:") ? fileURLToPath(s) : s);
}

/** A short, stable key for a source. */
export function feedKeyOf(source: string): string {
  return createHash("sha256").update(canonicalSource(source)).digest("base64url").slice(0, 16);
}

function fromRow(item: Record<string, unknown>): RegisteredFeed {
  return dataOf(item) as unknown as RegisteredFeed;
}

/** The state of a feed, or a fresh one for a source never fetched. */
export async function getFeedState(db: Db, source: string): Promise<RegisteredFeed> {
  const feedKey = feedKeyOf(source);
  const found = await getFeedByKey(db, feedKey);
  const canonical = canonicalSource(source);
  return found ?? { feedKey, source: canonical, url: canonical, failures: 0 };
}

/** A feed's state by its key (the desk's and the API's feed id). */
export async function getFeedByKey(db: Db, feedKey: string): Promise<RegisteredFeed | undefined> {
  const { Item } = await db.client.send(
    new GetCommand({ TableName: db.table, Key: feedKeys.key(feedKey), ConsistentRead: true }),
  );
  return Item ? fromRow(Item) : undefined;
}

/**
 * Writes a feed's fetch state (every field of FeedState; those undefined are removed), leaving its
 * registration alone, so an ingest run never undoes a pause made while it ran.
 */
export async function putFeedState(db: Db, state: FeedState): Promise<void> {
  const fields = Object.entries(state).filter(([k]) => !(registryFields as readonly string[]).includes(k));
  const set = fields.filter(([, v]) => v !== undefined);
  const removed = fields.filter(([, v]) => v === undefined).map(([k]) => k);
  const index = feedKeys.index(state.feedKey);
  const names = Object.fromEntries([...fields.map(([k]) => k), "type", "GSI1PK", "GSI1SK"].map((k) => [`#${k}`, k]));
  await db.client.send(
    new UpdateCommand({
      TableName: db.table,
      Key: feedKeys.key(state.feedKey),
      UpdateExpression:
        `SET ${[...set.map(([k]) => `#${k} = :${k}`), "#type = :type", "#GSI1PK = :gsi1pk", "#GSI1SK = :gsi1sk"].join(", ")}` +
        (removed.length ? ` REMOVE ${removed.map((k) => `#${k}`).join(", ")}` : ""),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: {
        ...Object.fromEntries(set.map(([k, v]) => [`:${k}`, v])),
        ":type": feedKeys.type,
        ":gsi1pk": index.GSI1PK,
        ":gsi1sk": index.GSI1SK,
      },
    }),
  );
}

/** Sets (or, with undefined values, removes) a feed's registration; false when the feed has no state row. */
export async function putFeedRegistration(db: Db, feedKey: string, registration: FeedRegistration): Promise<boolean> {
  const entries = registryFields.map((k) => [k, registration[k]] as const).filter(([k]) => k in registration);
  const set = entries.filter(([, v]) => v !== undefined);
  const removed = entries.filter(([, v]) => v === undefined).map(([k]) => `#${k}`);
  const done = await updateIf(db, {
    Key: feedKeys.key(feedKey),
    UpdateExpression:
      (set.length ? `SET ${set.map(([k]) => `#${k} = :${k}`).join(", ")}` : "") +
      (removed.length ? ` REMOVE ${removed.join(", ")}` : ""),
    ConditionExpression: "attribute_exists(PK)",
    ExpressionAttributeNames: Object.fromEntries(entries.map(([k]) => [`#${k}`, k])),
    ...(set.length ? { ExpressionAttributeValues: Object.fromEntries(set.map(([k, v]) => [`:${k}`, v])) } : {}),
  });
  return done !== undefined;
}

/** Every feed with a state row (ingested at least once, registered or not). */
export async function listFeedStates(db: Db): Promise<RegisteredFeed[]> {
  const rows = await queryAll(db, {
    IndexName: GSI1,
    KeyConditionExpression: "GSI1PK = :feeds",
    ExpressionAttributeValues: { ":feeds": feedKeys.all },
  });
  return rows.map(fromRow);
}
