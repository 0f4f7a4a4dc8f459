/**
 * Subscribers in the one table (`subscriberKeys` in keys.ts): the row mappers and a consistent
 * read. The writes live beside it, one file per concern: signup-claims.ts (a signup and its
 * confirmation email), subscriber-state.ts (confirm, unsubscribe, suppress), recipients.ts (what
 * a send reads) and active-subscribers.ts (the sharded listing of who gets the digest).
 */
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { addressKey } from "../subscription/address.ts";
import type { Subscriber } from "../subscription/subscriber.ts";
import type { Db } from "./db.ts";
import { dataOf, rowOf, subscriberKeys } from "./keys.ts";

/**
 * A subscriber's whole row (an import, a test's fixture): GSI1 keys only while active. The app
 * itself writes subscribers one conditional update at a time (signup-claims.ts, subscriber-state.ts).
 */
export function toRow(s: Subscriber): Record<string, unknown> {
  const index = s.state === "active" ? subscriberKeys.activeIndex(s.id) : {};
  const listed = s.state === "erased" ? {} : subscriberKeys.listIndex(s.state, addressKey(s.email));
  return rowOf(subscriberKeys.type, { ...subscriberKeys.key(s.id), ...index, ...listed }, s);
}

export function fromRow(row: Record<string, unknown>): Subscriber {
  return dataOf(row) as unknown as Subscriber;
}

export async function getSubscriber(db: Db, id: string): Promise<Subscriber | undefined> {
  const { Item } = await db.client.send(
    new GetCommand({ TableName: db.table, Key: subscriberKeys.key(id), ConsistentRead: true }),
  );
  return Item ? fromRow(Item) : undefined;
}
