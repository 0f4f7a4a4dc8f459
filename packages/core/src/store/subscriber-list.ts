/**
 * The desk's list of subscribers (GSI2: `SUBS#<state>` / lower-cased address, keys.ts): by state,
 * by address prefix, a page at a time. Every page is a few Queries of at most a page each, never
 * a scan: with one state, one Query; with all, one per state, merged by address. The cursor is
 * the last address shown, so the next page starts after it.
 */
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { SubscriberState } from "../subscription/subscriber.ts";
import type { Db } from "./db.ts";
import { subscriberKeys } from "./keys.ts";
import { GSI2 } from "./table.ts";
import { fromRow } from "./subscribers.ts";
import type { Subscriber } from "../subscription/subscriber.ts";

export const LISTED_STATES: readonly SubscriberState[] = ["pending", "active", "unsubscribed", "suppressed"];

export interface ListQuery {
  state?: SubscriberState | undefined;
  /** Addresses starting with this (any case). */
  prefix?: string | undefined;
  /** Start after this address (lower-cased), as a page's `next` said. */
  after?: string | undefined;
  limit?: number;
  /** Pending signups past their expiry (DynamoDB's TTL deletes them within days) are left out. */
  now: Date;
}

export interface ListPage {
  subscribers: Subscriber[];
  /** The last address of this page when there may be more, else undefined. */
  next: string | undefined;
}

/** The key range for a prefix and a starting point: [lo, hi]. Addresses never start below "!". */
function range(prefix: string, after: string | undefined): { lo: string; hi: string } {
  const hi = prefix + "\uffff";
  const start = after !== undefined && after >= prefix ? after + "\u0000" : prefix || " ";
  return { lo: start, hi };
}

async function queryState(db: Db, state: SubscriberState, lo: string, hi: string, limit: number) {
  const page = await db.client.send(
    new QueryCommand({
      TableName: db.table,
      IndexName: GSI2,
      KeyConditionExpression: "GSI2PK = :p AND GSI2SK BETWEEN :lo AND :hi",
      ExpressionAttributeValues: { ":p": subscriberKeys.listedIn(state), ":lo": lo, ":hi": hi },
      Limit: limit,
    }),
  );
  return { rows: page.Items ?? [], more: page.LastEvaluatedKey !== undefined };
}

/** One page of subscribers in address order. */
export async function listSubscribers(db: Db, query: ListQuery): Promise<ListPage> {
  const limit = Math.min(Math.max(query.limit ?? 50, 1), 500);
  const { lo, hi } = range((query.prefix ?? "").trim().toLowerCase(), query.after);
  if (lo > hi) return { subscribers: [], next: undefined };
  const states = query.state ? [query.state] : LISTED_STATES;
  const pages = await Promise.all(states.map((s) => queryState(db, s, lo, hi, limit)));
  const rows = pages
    .flatMap((p) => p.rows)
    .sort((a, b) => (String(a.GSI2SK) < String(b.GSI2SK) ? -1 : String(a.GSI2SK) > String(b.GSI2SK) ? 1 : 0));
  const taken = rows.slice(0, limit);
  const more = rows.length > limit || pages.some((p) => p.more);
  const now = Math.floor(query.now.getTime() / 1000);
  const subscribers = taken
    .filter((row) => !(row.state === "pending" && typeof row.expiresAt === "number" && row.expiresAt < now))
    .map(fromRow);
  return { subscribers, next: more && taken.length > 0 ? String(taken.at(-1)!.GSI2SK) : undefined };
}

/** Unexpired pending signups: one COUNT Query over a small partition (signups live 30 days at most). */
export async function countPending(db: Db, now: Date): Promise<number> {
  let count = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.client.send(
      new QueryCommand({
        TableName: db.table,
        IndexName: GSI2,
        KeyConditionExpression: "GSI2PK = :p",
        FilterExpression: "attribute_not_exists(expiresAt) OR expiresAt > :now",
        ExpressionAttributeValues: {
          ":p": subscriberKeys.listedIn("pending"),
          ":now": Math.floor(now.getTime() / 1000),
        },
        Select: "COUNT",
        ExclusiveStartKey: start,
      }),
    );
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return count;
}
