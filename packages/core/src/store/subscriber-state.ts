/**
 * Confirm, unsubscribe, suppress: each a single conditional UpdateItem, so concurrent confirms,
 * unsubscribes and bounces always leave one consistent state, GSI1 holds a subscriber exactly
 * while it is active, and only a pending row carries `expiresAt` (each of these removes it).
 */
import type { EmailAddress } from "../subscription/address.ts";
import type { Confirmation, SubscriberState } from "../subscription/subscriber.ts";
import { updateIf } from "./conditional.ts";
import type { Db } from "./db.ts";
import { subscriberKeys } from "./keys.ts";
import { getSubscriber } from "./subscribers.ts";

export type Activation = "activated" | Exclude<SubscriberState, "pending"> | "missing";

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
      "SET #state = :active, confirmation = :confirmation, updatedAt = :now, GSI1PK = :gsi1pk, GSI1SK = :gsi1sk " +
      "REMOVE expiresAt",
    ConditionExpression: "#state = :pending",
    ExpressionAttributeNames: { "#state": "state" },
    ExpressionAttributeValues: {
      ":active": "active",
      ":pending": "pending",
      ":confirmation": confirmation,
      ":now": confirmation.at,
      ":gsi1pk": index.GSI1PK,
      ":gsi1sk": index.GSI1SK,
    },
  });
  if (activated) return "activated";
  // The write decided; this read only says why it did not apply.
  const current = await getSubscriber(db, id);
  if (!current) return "missing";
  // Pending again: it signed up anew between the write and the read; one more try settles it.
  return current.state === "pending" && retry ? activateSubscriber(db, id, confirmation, false) : current.state;
}

/** pending or active → unsubscribed (and out of GSI1). False when there was nothing to do. */
export async function unsubscribeSubscriber(db: Db, id: string, now: Date): Promise<boolean> {
  const changed = await updateIf(db, {
    Key: subscriberKeys.key(id),
    UpdateExpression:
      "SET #state = :unsubscribed, unsubscribedAt = :now, updatedAt = :now REMOVE GSI1PK, GSI1SK, expiresAt",
    ConditionExpression: "#state IN (:pending, :active)",
    ExpressionAttributeNames: { "#state": "state" },
    ExpressionAttributeValues: {
      ":unsubscribed": "unsubscribed",
      ":pending": "pending",
      ":active": "active",
      ":now": now.toISOString(),
    },
  });
  return changed !== undefined;
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
      "updatedAt = :now, email = if_not_exists(email, :email), createdAt = if_not_exists(createdAt, :now) " +
      "REMOVE GSI1PK, GSI1SK, expiresAt",
    ConditionExpression: "attribute_not_exists(PK) OR #state <> :suppressed",
    ExpressionAttributeNames: { "#type": "type", "#id": "id", "#state": "state" },
    ExpressionAttributeValues: {
      ":type": subscriberKeys.type,
      ":id": s.id,
      ":suppressed": "suppressed",
      ":suppression": { kind: s.kind, detail: s.detail },
      ":email": s.email,
      ":now": now,
    },
  });
  return changed !== undefined;
}
