/**
 * Subscribers in the one table (keys in table.ts): the row's key and a consistent read. The
 * writes live beside it, one file per concern: signup-claims.ts (a signup and its confirmation
 * email), subscriber-state.ts (confirm, unsubscribe, suppress), recipients.ts (what a send reads)
 * and active-subscribers.ts (the sharded listing of who gets the digest).
 */
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import type { Subscriber } from "../subscription/subscriber.ts";
import type { Db } from "./db.ts";

export const subscriberKey = (id: string) => ({ PK: `SUB#${id}`, SK: "SUB" });

function fromItem(item: Record<string, unknown>): Subscriber {
  const { PK: _pk, SK: _sk, GSI1PK: _g1, GSI1SK: _g2, type: _type, ...subscriber } = item;
  return subscriber as unknown as Subscriber;
}

export async function getSubscriber(db: Db, id: string): Promise<Subscriber | undefined> {
  const { Item } = await db.client.send(
    new GetCommand({ TableName: db.table, Key: subscriberKey(id), ConsistentRead: true }),
  );
  return Item ? fromItem(Item) : undefined;
}
