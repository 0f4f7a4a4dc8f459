/**
 * Feed state (`feedKeys` in keys.ts; every feed listed in GSI1): where a feed lives now, its HTTP
 * validators, and how fetching it has gone — so a failing feed backs off and a 410 disables it,
 * without touching any other feed. The key comes from the configured source, so a permanent
 * redirect changes the URL but not the key (nor the items' keys).
 */
import { createHash } from "node:crypto";
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { queryAll } from "./batch.ts";
import type { Db } from "./db.ts";
import { dataOf, feedKeys, rowOf } from "./keys.ts";
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
}

/** A short, stable key for a configured source. */
export function feedKeyOf(source: string): string {
  return createHash("sha256").update(source.trim()).digest("base64url").slice(0, 16);
}

function toRow(state: FeedState): Record<string, unknown> {
  return rowOf(feedKeys.type, { ...feedKeys.key(state.feedKey), ...feedKeys.index(state.feedKey) }, state);
}

function fromRow(item: Record<string, unknown>): FeedState {
  return dataOf(item) as unknown as FeedState;
}

/** The state of a feed, or a fresh one for a source never fetched. */
export async function getFeedState(db: Db, source: string): Promise<FeedState> {
  const feedKey = feedKeyOf(source);
  const { Item } = await db.client.send(new GetCommand({ TableName: db.table, Key: feedKeys.key(feedKey) }));
  return Item ? fromRow(Item) : { feedKey, source, url: source, failures: 0 };
}

export async function putFeedState(db: Db, state: FeedState): Promise<void> {
  await db.client.send(new PutCommand({ TableName: db.table, Item: toRow(state) }));
}

/** Every feed ever ingested. */
export async function listFeedStates(db: Db): Promise<FeedState[]> {
  const rows = await queryAll(db, {
    IndexName: GSI1,
    KeyConditionExpression: "GSI1PK = :feeds",
    ExpressionAttributeValues: { ":feeds": feedKeys.all },
  });
  return rows.map(fromRow);
}
