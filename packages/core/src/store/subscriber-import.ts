/**
 * The writes of an import, each conditional so that a signup, an unsubscribe or a bounce that
 * happens meanwhile always wins: a new reader is created only where no row exists, and a pending
 * one is activated only while still pending. (Counting is the import's: one ADD for the lot.)
 */
import type { ImportConsent, Subscriber } from "../subscription/subscriber.ts";
import { putIf, updateIf } from "./conditional.ts";
import type { Db } from "./db.ts";
import { subscriberKeys } from "./keys.ts";
import { toRow } from "./subscribers.ts";

/** Creates the reader unless the address has a row already (false then). */
export async function putNewSubscriber(db: Db, subscriber: Subscriber): Promise<boolean> {
  return (await putIf(db, { Item: toRow(subscriber), ConditionExpression: "attribute_not_exists(PK)" })) !== undefined;
}

/** pending → active on the editor's word (a `confirmed` import); false when no longer pending. */
export async function activateImported(db: Db, id: string, imported: ImportConsent): Promise<boolean> {
  const index = subscriberKeys.activeIndex(id);
  const activated = await updateIf(db, {
    Key: subscriberKeys.key(id),
    UpdateExpression:
      "SET #state = :active, imported = :imported, updatedAt = :now, GSI1PK = :gsi1pk, GSI1SK = :gsi1sk, " +
      "GSI2PK = :gsi2pk REMOVE expiresAt, confirmationDue",
    ConditionExpression: "#state = :pending",
    ExpressionAttributeNames: { "#state": "state" },
    ExpressionAttributeValues: {
      ":active": "active",
      ":pending": "pending",
      ":imported": imported,
      ":now": imported.at,
      ":gsi1pk": index.GSI1PK,
      ":gsi1sk": index.GSI1SK,
      ":gsi2pk": subscriberKeys.listedIn("active"),
    },
  });
  return activated !== undefined;
}
