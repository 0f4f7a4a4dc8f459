/**
 * Subscribers in the one table (keys in table.ts). Every state change is a single conditional
 * UpdateItem: the condition, not an earlier read, decides whether it happens, so concurrent
 * signups, confirms, unsubscribes and bounces always leave one consistent state, and GSI1 holds a
 * subscriber exactly while it is active.
 */
import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  GetCommand,
  QueryCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import type { EmailAddress } from "../subscription/address.ts";
import {
  subscriberIdBytes,
  type Confirmation,
  type Consent,
  type Subscriber,
  type SubscriberState,
} from "../subscription/subscriber.ts";
import { isConditionFailed } from "./conditional.ts";
import type { Db } from "./db.ts";
import { GSI1 } from "./table.ts";

/**
 * Active subscribers are spread over this many GSI1 partitions (`ACTIVE#0`…`ACTIVE#15`), so a
 * million of them are read in parallel and no single partition takes every write of a signup
 * wave. Changing it needs the GSI1 keys rewritten.
 */
export const ACTIVE_SHARDS = 16;

const key = (id: string) => ({ PK: `SUB#${id}`, SK: "SUB" });

export function activeShard(id: string): number {
  const bytes = subscriberIdBytes(id);
  if (!bytes) throw new Error(`not a subscriber id: ${id}`);
  return bytes[0]! % ACTIVE_SHARDS;
}

function fromItem(item: Record<string, unknown>): Subscriber {
  const { PK: _pk, SK: _sk, GSI1PK: _g1, GSI1SK: _g2, type: _type, ...subscriber } = item;
  return subscriber as unknown as Subscriber;
}

export async function getSubscriber(db: Db, id: string): Promise<Subscriber | undefined> {
  const { Item } = await db.client.send(new GetCommand({ TableName: db.table, Key: key(id), ConsistentRead: true }));
  return Item ? fromItem(Item) : undefined;
}

export interface ClaimInput {
  id: string;
  email: EmailAddress;
  consent: Consent;
  now: Date;
  /** A pending subscriber gets another confirmation only this long after the last one. */
  resendAfterMs: number;
}

export type Claim = { claimed: true; previousSentAt: string | undefined } | { claimed: false };

/**
 * Records a signup and claims the right to send its confirmation email, in one write. It succeeds
 * for a new address, an unsubscribed one (signing up again), or a pending one whose last
 * confirmation is older than `resendAfterMs`; an active or suppressed subscriber is left untouched.
 */
export async function claimConfirmation(db: Db, input: ClaimInput): Promise<Claim> {
  const now = input.now.toISOString();
  try {
    const { Attributes } = await db.client.send(
      new UpdateCommand({
        TableName: db.table,
        Key: key(input.id),
        UpdateExpression:
          "SET #type = :type, #id = :id, #state = :pending, email = :email, consent = :consent, " +
          "confirmationSentAt = :now, updatedAt = :now, createdAt = if_not_exists(createdAt, :now) " +
          "REMOVE confirmation, GSI1PK, GSI1SK",
        ConditionExpression:
          "attribute_not_exists(PK) OR #state = :unsubscribed OR " +
          "(#state = :pending AND (attribute_not_exists(confirmationSentAt) OR confirmationSentAt <= :cutoff))",
        ExpressionAttributeNames: { "#type": "type", "#id": "id", "#state": "state" },
        ExpressionAttributeValues: {
          ":type": "subscriber",
          ":id": input.id,
          ":pending": "pending",
          ":unsubscribed": "unsubscribed",
          ":email": input.email,
          ":consent": input.consent,
          ":now": now,
          ":cutoff": new Date(input.now.getTime() - input.resendAfterMs).toISOString(),
        },
        ReturnValues: "UPDATED_OLD",
      }),
    );
    return { claimed: true, previousSentAt: Attributes?.confirmationSentAt as string | undefined };
  } catch (e) {
    if (isConditionFailed(e)) return { claimed: false };
    throw e;
  }
}

/** Gives back a claim whose email could not be sent, so the reader can try again at once. */
export async function releaseConfirmation(db: Db, id: string, sentAt: Date, previousSentAt: string | undefined) {
  try {
    await db.client.send(
      new UpdateCommand({
        TableName: db.table,
        Key: key(id),
        UpdateExpression: previousSentAt ? "SET confirmationSentAt = :previous" : "REMOVE confirmationSentAt",
        ConditionExpression: "confirmationSentAt = :sentAt",
        ExpressionAttributeValues: {
          ":sentAt": sentAt.toISOString(),
          ...(previousSentAt ? { ":previous": previousSentAt } : {}),
        },
      }),
    );
  } catch (e) {
    if (!isConditionFailed(e)) throw e; // a newer claim owns it now
  }
}

export type Activation = "activated" | Exclude<SubscriberState, "pending"> | "missing";

/** pending → active (and into the GSI1 shard); anything else is reported, not changed. */
export async function activateSubscriber(
  db: Db,
  id: string,
  confirmation: Confirmation,
  retry = true,
): Promise<Activation | "pending"> {
  try {
    await db.client.send(
      new UpdateCommand({
        TableName: db.table,
        Key: key(id),
        UpdateExpression:
          "SET #state = :active, confirmation = :confirmation, updatedAt = :now, GSI1PK = :shard, GSI1SK = :id",
        ConditionExpression: "#state = :pending",
        ExpressionAttributeNames: { "#state": "state" },
        ExpressionAttributeValues: {
          ":active": "active",
          ":pending": "pending",
          ":confirmation": confirmation,
          ":now": confirmation.at,
          ":shard": `ACTIVE#${activeShard(id)}`,
          ":id": id,
        },
      }),
    );
    return "activated";
  } catch (e) {
    if (!isConditionFailed(e)) throw e;
  }
  // The write decided; this read only says why it did not apply.
  const current = await getSubscriber(db, id);
  if (!current) return "missing";
  // Pending again: it signed up anew between the write and the read; one more try settles it.
  return current.state === "pending" && retry ? activateSubscriber(db, id, confirmation, false) : current.state;
}

/** pending or active → unsubscribed (and out of GSI1). False when there was nothing to do. */
export async function unsubscribeSubscriber(db: Db, id: string, now: Date): Promise<boolean> {
  try {
    await db.client.send(
      new UpdateCommand({
        TableName: db.table,
        Key: key(id),
        UpdateExpression: "SET #state = :unsubscribed, unsubscribedAt = :now, updatedAt = :now REMOVE GSI1PK, GSI1SK",
        ConditionExpression: "#state IN (:pending, :active)",
        ExpressionAttributeNames: { "#state": "state" },
        ExpressionAttributeValues: {
          ":unsubscribed": "unsubscribed",
          ":pending": "pending",
          ":active": "active",
          ":now": now.toISOString(),
        },
      }),
    );
    return true;
  } catch (e) {
    if (isConditionFailed(e)) return false;
    throw e;
  }
}

export interface Suppression {
  id: string;
  email: EmailAddress;
  kind: "bounce" | "complaint";
  detail: string;
  now: Date;
}

/**
 * Any state → suppressed, creating the record for an address we never knew, so that no later
 * signup mails it. False when it was suppressed already.
 */
export async function suppressSubscriber(db: Db, s: Suppression): Promise<boolean> {
  const now = s.now.toISOString();
  try {
    await db.client.send(
      new UpdateCommand({
        TableName: db.table,
        Key: key(s.id),
        UpdateExpression:
          "SET #type = :type, #id = :id, #state = :suppressed, suppressedAt = :now, suppression = :suppression, " +
          "updatedAt = :now, email = if_not_exists(email, :email), createdAt = if_not_exists(createdAt, :now) " +
          "REMOVE GSI1PK, GSI1SK",
        ConditionExpression: "attribute_not_exists(PK) OR #state <> :suppressed",
        ExpressionAttributeNames: { "#type": "type", "#id": "id", "#state": "state" },
        ExpressionAttributeValues: {
          ":type": "subscriber",
          ":id": s.id,
          ":suppressed": "suppressed",
          ":suppression": { kind: s.kind, detail: s.detail },
          ":email": s.email,
          ":now": now,
        },
      }),
    );
    return true;
  } catch (e) {
    if (isConditionFailed(e)) return false;
    throw e;
  }
}

/** What a send needs to know of a recipient, read fresh when the send happens. */
export type Recipient = Pick<Subscriber, "id" | "email" | "state">;

/**
 * The current state of up to a few hundred subscribers (BatchGetItem, 100 keys a call, with the
 * unprocessed keys retried): a reader who left since the fan-out is not mailed.
 */
export async function getRecipients(db: Db, ids: readonly string[]): Promise<Map<string, Recipient>> {
  const found = new Map<string, Recipient>();
  for (let i = 0; i < ids.length; i += 100) {
    let keys: Record<string, unknown>[] | undefined = ids.slice(i, i + 100).map(key);
    for (let attempt = 0; keys && keys.length > 0; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 25 * 2 ** attempt)));
      const page: BatchGetCommandOutput = await db.client.send(
        new BatchGetCommand({
          RequestItems: {
            [db.table]: {
              Keys: keys,
              ProjectionExpression: "id, email, #state",
              ExpressionAttributeNames: { "#state": "state" },
              ConsistentRead: true,
            },
          },
        }),
      );
      for (const item of page.Responses?.[db.table] ?? []) found.set(item.id as string, item as Recipient);
      keys = page.UnprocessedKeys?.[db.table]?.Keys;
    }
  }
  return found;
}

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
        ExpressionAttributeValues: { ":shard": `ACTIVE#${shard}` },
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
