/**
 * Who gets the digest: active subscribers, spread over ACTIVE_SHARDS GSI1 partitions (keys.ts;
 * the index key is written on activation, removed on leaving: subscriber-state.ts), listed in pages.
 */
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { EmailAddress } from "../subscription/address.ts";
import type { Db } from "./db.ts";
import { ACTIVE_SHARDS, subscriberKeys } from "./keys.ts";
import { GSI1 } from "./table.ts";

/** What a send needs of an active subscriber. */
export interface ActiveSubscriber {
  id: string;
  email: EmailAddress;
}

export interface ListOptions {
  /** Most subscribers per page (one DynamoDB Query each). Default 500. */
  pageSize?: number;
  /** Only these shards (0…ACTIVE_SHARDS-1), e.g. one per worker. Default: all. */
  shards?: number[];
}

/**
 * Every active subscriber, in pages of at most `pageSize`. One Query per shard is in flight at a
 * time (the next page of each shard is fetched while the caller works on the current one), so a
 * million subscribers stream at the speed of 16 partitions, in memory one page per shard.
 *
 * @example for await (const page of listActiveSubscribers(db, { pageSize: 500 })) await sendTo(page)
 */
export async function* listActiveSubscribers(
  db: Db,
  { pageSize = 500, shards = [...Array(ACTIVE_SHARDS).keys()] }: ListOptions = {},
): AsyncGenerator<ActiveSubscriber[]> {
  const query = (shard: number, start?: Record<string, unknown>) => {
    const next = db.client.send(
      new QueryCommand({
        TableName: db.table,
        IndexName: GSI1,
        KeyConditionExpression: "GSI1PK = :shard",
        ExpressionAttributeValues: { ":shard": subscriberKeys.activeIn(shard) },
        ProjectionExpression: "#id, email",
        ExpressionAttributeNames: { "#id": "id" },
        Limit: pageSize,
        ExclusiveStartKey: start,
      }),
    );
    next.catch(() => {}); // awaited below; this only keeps an abandoned prefetch from crashing the process
    return next;
  };
  let open = shards.map((shard) => ({ shard, next: query(shard) }));
  while (open.length > 0) {
    const stillOpen: typeof open = [];
    for (const cursor of open) {
      const page = await cursor.next;
      if (page.LastEvaluatedKey) {
        cursor.next = query(cursor.shard, page.LastEvaluatedKey);
        stillOpen.push(cursor);
      }
      if (page.Items?.length) yield page.Items as ActiveSubscriber[];
    }
    open = stillOpen;
  }
}
