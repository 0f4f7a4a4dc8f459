/**
 * How many confirmation emails one mailbox got while none of its spellings confirmed
 * (`mailboxKeys` in keys.ts): at most `max` in all and one per `gapMs`, whatever spelling
 * asked, so the signup form cannot be used to flood a mailbox. One conditional write decides;
 * confirming resets it, and the row expires (TTL) with the signup it belongs to.
 */
import { deleteIf, updateIf } from "./conditional.ts";
import type { Db } from "./db.ts";
import { mailboxKeys } from "./keys.ts";

export interface MailboxBudget {
  max: number;
  gapMs: number;
  /** The row is forgotten this long after its last email (as an unconfirmed signup is). */
  ttlMs: number;
}

/** Counts one confirmation email to the mailbox; false when its budget refuses one now. */
export async function claimMailboxConfirmation(
  db: Db,
  key: string,
  now: Date,
  budget: MailboxBudget,
): Promise<boolean> {
  const claimed = await updateIf(db, {
    Key: mailboxKeys.key(key),
    UpdateExpression: "SET #type = :type, lastSentAt = :now, expiresAt = :expires ADD sent :one",
    ConditionExpression:
      "attribute_not_exists(PK) OR (sent < :max AND (attribute_not_exists(lastSentAt) OR lastSentAt <= :cutoff))",
    ExpressionAttributeNames: { "#type": "type" },
    ExpressionAttributeValues: {
      ":type": mailboxKeys.type,
      ":now": now.toISOString(),
      ":one": 1,
      ":max": budget.max,
      ":cutoff": new Date(now.getTime() - budget.gapMs).toISOString(),
      ":expires": Math.floor((now.getTime() + budget.ttlMs) / 1000),
    },
  });
  return claimed !== undefined;
}

/** Gives back the email a claim counted (SES would not take it); a later claim is left alone. */
export async function refundMailboxConfirmation(db: Db, key: string, claimedAt: Date): Promise<void> {
  await updateIf(db, {
    Key: mailboxKeys.key(key),
    UpdateExpression: "ADD sent :minus REMOVE lastSentAt",
    ConditionExpression: "lastSentAt = :at",
    ExpressionAttributeValues: { ":minus": -1, ":at": claimedAt.toISOString() },
  });
}

/** The mailbox confirmed: a later signup (after leaving) starts with a full budget. */
export async function resetMailbox(db: Db, key: string): Promise<void> {
  await deleteIf(db, { Key: mailboxKeys.key(key), ConditionExpression: "attribute_exists(PK)" });
}
