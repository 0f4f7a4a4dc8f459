/**
 * Items in the table (`itemKeys` in keys.ts), beside their feed's state and indexed by
 * publication month in GSI1 for the digest's "published in this week" query. Each row keeps a
 * hash of its content: an item the feed repeats unchanged is not written again; one whose text
 * changed is written over.
 */
import { createHash } from "node:crypto";
import type { FeedItem } from "../feed/feed.ts";
import { batchGet, batchPut, queryAll, scanAll } from "./batch.ts";
import type { Db } from "./db.ts";
import { dataOf, itemKeys, rowOf } from "./keys.ts";
import { GSI1 } from "./table.ts";

/** An item as stored: the feed's item, where it came from, and a date it can be found by. */
export interface StoredItem extends FeedItem {
  feedKey: string;
  itemKey: string;
  feedTitle: string;
}

/** The outcome of storing one feed's items. */
export interface StoreCounts {
  new: number;
  updated: number;
  unchanged: number;
}

/** A short, stable key for an item id (ids can be long URLs). */
export const itemKeyOf = (id: string) => createHash("sha256").update(id).digest("base64url").slice(0, 22);

/** What a reader would notice changing; the feed's title is not part of it. */
function contentHash(item: FeedItem): string {
  const { id, title, link, published, author, summary, categories, image } = item;
  return createHash("sha256")
    .update(JSON.stringify([id, title, link, published, author, summary, categories, image]))
    .digest("base64url");
}

/** What the store keeps beside an item: its content's hash and when it was first seen. */
interface ItemBookkeeping {
  contentHash?: string;
  firstSeen?: string;
}

/** The row for an item. `published` falls back to when the item was first seen: an undated item belongs to that week. */
export function toRow(item: StoredItem, extra: ItemBookkeeping = {}): Record<string, unknown> {
  const published = item.published ?? extra.firstSeen ?? new Date().toISOString();
  const keys = {
    ...itemKeys.key(item.feedKey, item.itemKey),
    ...itemKeys.index(published, item.feedKey, item.itemKey),
  };
  return rowOf(itemKeys.type, keys, { ...item, published, ...extra });
}

function fromRow(row: Record<string, unknown>): StoredItem {
  const { contentHash: _hash, firstSeen: _seen, ...item } = dataOf(row);
  return item as unknown as StoredItem;
}

/**
 * Stores a feed's current items: new ones and changed ones in batches, unchanged ones not at
 * all (one batched read of their hashes tells which is which).
 */
export async function storeFeedItems(
  db: Db,
  feed: { feedKey: string; title: string },
  items: FeedItem[],
  now: Date,
): Promise<StoreCounts> {
  const byKey = new Map<string, FeedItem>();
  for (const item of items) {
    const itemKey = itemKeyOf(item.id);
    if (!byKey.has(itemKey)) byKey.set(itemKey, item); // a feed repeating an id: the first one counts
  }
  const keys = [...byKey.keys()].map((itemKey) => itemKeys.key(feed.feedKey, itemKey));
  type Before = ItemBookkeeping & { feedTitle?: string };
  const existing = new Map<string, Before>();
  for (const row of await batchGet(db, keys, ["SK", "contentHash", "firstSeen", "feedTitle"])) {
    existing.set(itemKeys.itemKeyOf(String(row.SK)), row as Before);
  }

  const counts: StoreCounts = { new: 0, updated: 0, unchanged: 0 };
  const rows: Record<string, unknown>[] = [];
  for (const [itemKey, item] of byKey) {
    const hash = contentHash(item);
    const before = existing.get(itemKey);
    if (before?.contentHash === hash && before.feedTitle === feed.title) {
      counts.unchanged++;
      continue;
    }
    counts[before ? "updated" : "new"]++;
    const firstSeen = before?.firstSeen ?? now.toISOString();
    rows.push(
      toRow({ ...item, feedKey: feed.feedKey, itemKey, feedTitle: feed.title }, { contentHash: hash, firstSeen }),
    );
  }
  await batchPut(db, rows);
  return counts;
}

/** The UTC months (`yyyy-mm`) an interval [from, to) touches. */
function months(from: Date, to: Date): string[] {
  const out: string[] = [];
  const d = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), 1));
  while (d < to) {
    out.push(d.toISOString().slice(0, 7));
    d.setUTCMonth(d.getUTCMonth() + 1);
  }
  return out;
}

/**
 * The GSI1 rows of items published in [from, to), from every feed, oldest first: one query per
 * month the interval touches (`projection`: only these attributes).
 */
async function publishedBetween(db: Db, from: Date, to: Date, projection?: string): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for (const month of months(from, to)) {
    const rows = await queryAll(db, {
      IndexName: GSI1,
      // GSI1SK starts with the instant, so this is [from, to): `<to>#…` sorts after `<to>`.
      KeyConditionExpression: "GSI1PK = :month AND GSI1SK BETWEEN :from AND :to",
      ExpressionAttributeValues: {
        ":month": itemKeys.publishedIn(month),
        ":from": from.toISOString(),
        ":to": to.toISOString(),
      },
      ...(projection ? { ProjectionExpression: projection } : {}),
    });
    out.push(...rows);
  }
  return out;
}

/** Items published in [from, to), from every feed, oldest first. */
export async function itemsPublishedBetween(db: Db, from: Date, to: Date): Promise<StoredItem[]> {
  return (await publishedBetween(db, from, to)).map(fromRow);
}

/**
 * When every stored item was published (or first seen): a Scan of the whole table, for the
 * local stack's first start (digest/backfill.ts), never for a deployed job.
 */
export async function allPublishedDates(db: Db): Promise<Date[]> {
  const rows = await scanAll(db, {
    FilterExpression: "begins_with(SK, :item)",
    ExpressionAttributeValues: { ":item": itemKeys.sortPrefix },
    ProjectionExpression: "published",
  });
  return rows.flatMap((row) => (row.published ? [new Date(row.published as string)] : []));
}

/**
 * How many items each feed published in [from, to): the digest's range query, reading only the
 * sort key (which names the feed), for the dashboard's feed health.
 */
export async function itemCountsByFeed(db: Db, from: Date, to: Date): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const row of await publishedBetween(db, from, to, "GSI1SK")) {
    const feedKey = String(row.GSI1SK).split("#")[1]!;
    counts.set(feedKey, (counts.get(feedKey) ?? 0) + 1);
  }
  return counts;
}
