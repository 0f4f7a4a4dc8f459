/**
 * Confirm, unsubscribe, suppress: each a single conditional UpdateItem, so concurrent confirms,
 * unsubscribes and bounces always leave one consistent state, GSI1 holds a subscriber exactly
 * while it is active, GSI2 lists it under its state, and only a pending row carries `expiresAt`
 * (each of these removes it). Each change that happened is then counted (reader-counts.ts).
 */
import { addressKey, type EmailAddress } from "../subscription/address.ts";
import type { Confirmation, StoredState } from "../subscription/subscriber.ts";
import { updateIf } from "./conditional.ts";
import type { Db } from "./db.ts";
import { subscriberKeys } from "./keys.ts";
import { countTransition } from "./reader-counts.ts";
import { getSubscriber } from "./subscribers.ts";

/** GSI2's partition for a state (the sort key, the address, is written where the address is known). */
const listedIn = (state: string) => subscriberKeys.listedIn(state);

export type Activation = "activated" | Exclude<StoredState, "pending"> | "missing";

/** pending → active (and into the GSI1 shard); anything else is reported, not changed. */
export async function activateSubscriber(
  db: Db,
  id: string,
  confirmation: Confirmation,
  retry = true,
): Promise<Activation | "pending"> {
  const index = subscriberKeys.activeIndex(id);
  const activated = await updateIf(db, {
    Key: subscriberKeys.key(id),
    UpdateExpression:
      "SET #state = :active, confirmation = :confirmation, updatedAt = :now, GSI1PK = :gsi1pk, GSI1SK = :gsi1sk, " +
      "GSI2PK = :gsi2pk REMOVE expiresAt",
    ConditionExpression: "#state = :pending",
    ExpressionAttributeNames: { "#state": "state" },
    ExpressionAttributeValues: {
      ":active": "active",
      ":pending": "pending",
      ":confirmation": confirmation,
      ":now": confirmation.at,
      ":gsi1pk": index.GSI1PK,
      ":gsi1sk": index.GSI1SK,
      ":gsi2pk": listedIn("active"),
    },
  });
  if (activated) {
    await countTransition(db, "pending", "active", new Date(confirmation.at));
    return "activated";
  }
  // The write decided; this read only says why it did not apply.
  const current = await getSubscriber(db, id);
  if (!current) return "missing";
  // Pending again: it signed up anew between the write and the read; one more try settles it.
  return current.state === "pending" && retry ? activateSubscriber(db, id, confirmation, false) : current.state;
}

/** pending or active → unsubscribed (and out of GSI1). False when there was nothing to do. */
export async function unsubscribeSubscriber(db: Db, id: string, now: Date): Promise<boolean> {
  return (await unsubscribeFrom(db, id, now)) !== undefined;
}

/** As `unsubscribeSubscriber`, saying which state the reader left (undefined: nothing to do). */
export async function unsubscribeFrom(db: Db, id: string, now: Date): Promise<"pending" | "active" | undefined> {
  const changed = await updateIf(db, {
    Key: subscriberKeys.key(id),
    UpdateExpression:
      "SET #state = :unsubscribed, unsubscribedAt = :now, updatedAt = :now, GSI2PK = :gsi2pk " +
      "REMOVE GSI1PK, GSI1SK, expiresAt",
    ConditionExpression: "#state IN (:pending, :active)",
    ExpressionAttributeNames: { "#state": "state" },
    ExpressionAttributeValues: {
      ":unsubscribed": "unsubscribed",
      ":pending": "pending",
      ":active": "active",
      ":now": now.toISOString(),
      ":gsi2pk": listedIn("unsubscribed"),
    },
    ReturnValues: "UPDATED_OLD",
  });
  if (!changed) return undefined;
  const left = changed.Attributes?.state as "pending" | "active";
  await countTransition(db, left, "unsubscribed", now);
  return left;
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
  const changed = await updateIf(db, {
    Key: subscriberKeys.key(s.id),
    UpdateExpression:
      "SET #type = :type, #id = :id, #state = :suppressed, suppressedAt = :now, suppression = :suppression, " +
      "updatedAt = :now, email = if_not_exists(email, :email), createdAt = if_not_exists(createdAt, :now), " +
      "GSI2PK = :gsi2pk, GSI2SK = if_not_exists(GSI2SK, :gsi2sk) REMOVE GSI1PK, GSI1SK, expiresAt",
    ConditionExpression: "attribute_not_exists(PK) OR #state <> :suppressed",
    ExpressionAttributeNames: { "#type": "type", "#id": "id", "#state": "state" },
    ExpressionAttributeValues: {
      ":type": subscriberKeys.type,
      ":id": s.id,
      ":suppressed": "suppressed",
      ":suppression": { kind: s.kind, detail: s.detail },
      ":email": s.email,
      ":now": now,
      ":gsi2pk": listedIn("suppressed"),
      ":gsi2sk": addressKey(s.email),
    },
    ReturnValues: "UPDATED_OLD",
  });
  if (!changed) return false;
  await countTransition(db, changed.Attributes?.state as string | undefined, "suppressed", s.now);
  return true;
}
