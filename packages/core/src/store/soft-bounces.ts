/**
 * Soft bounces per reader (a full mailbox, a server that said "later"): the digests they
 * happened in, as a string set on the subscriber's row, so one bounce counted twice is still
 * one digest. Three digests and the reader is suppressed (subscription/suppression.ts).
 */
import { updateIf } from "./conditional.ts";
import type { Db } from "./db.ts";
import { subscriberKeys } from "./keys.ts";

/** Adds the digest to an active reader's soft-bounced digests; how many there are now (0: not active). */
export async function recordSoftBounce(db: Db, id: string, week: string): Promise<number> {
  const updated = await updateIf(db, {
    Key: subscriberKeys.key(id),
    UpdateExpression: "ADD softBounces :week",
    ConditionExpression: "#state = :active",
    ExpressionAttributeNames: { "#state": "state" },
    ExpressionAttributeValues: { ":week": new Set([week]), ":active": "active" },
    ReturnValues: "UPDATED_NEW",
  });
  return (updated?.Attributes?.softBounces as Set<string> | undefined)?.size ?? 0;
}
