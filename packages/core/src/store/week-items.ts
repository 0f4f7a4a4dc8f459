/**
 * STAND-IN for ingestion's `store/items.ts` (not on main yet): reads items by publication time
 * through GSI1 as table.ts documents it. When `store/items.ts` lands, `digest/source.ts` imports
 * its `itemsPublishedBetween` instead and this file goes.
 *
 * Assumed row: the FeedItem fields, plus `feedKey`, `itemKey` and `feedTitle`.
 */
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { FeedItem } from "../feed/feed.ts";
import type { Db } from "./db.ts";
import { GSI1 } from "./table.ts";

export interface StoredItem extends FeedItem {
  feedKey: string;
  itemKey: string;
  feedTitle: string;
}

/** The row for an item (what ingestion writes; tests use it to seed the table). */
export function itemRow(item: StoredItem): Record<string, unknown> {
  const published = item.published ?? new Date(0).toISOString();
  return {
    PK: `FEED#${item.feedKey}`,
    SK: `ITEM#${item.itemKey}`,
    GSI1PK: `PUB#${published.slice(0, 7)}`,
    GSI1SK: `${published}#${item.feedKey}#${item.itemKey}`,
    ...item,
  };
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

/** Items published in [from, to), from every feed, oldest first. */
export async function itemsPublishedBetween(db: Db, from: Date, to: Date): Promise<StoredItem[]> {
  const out: StoredItem[] = [];
  for (const month of months(from, to)) {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await db.client.send(
        new QueryCommand({
          TableName: db.table,
          IndexName: GSI1,
          KeyConditionExpression: "GSI1PK = :m AND GSI1SK BETWEEN :from AND :to",
          ExpressionAttributeValues: { ":m": `PUB#${month}`, ":from": from.toISOString(), ":to": to.toISOString() },
          ExclusiveStartKey: start,
        }),
      );
      for (const row of page.Items ?? []) {
        const { PK, SK, GSI1PK, GSI1SK, ...item } = row;
        const at = Date.parse(String(item.published));
        if (at >= from.getTime() && at < to.getTime()) out.push(item as StoredItem);
      }
      start = page.LastEvaluatedKey;
    } while (start);
  }
  return out;
}
