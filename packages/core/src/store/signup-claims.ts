/**
 * A signup and the right to send its confirmation email. Like every state change of a subscriber,
 * each is a single conditional UpdateItem: the condition, not an earlier read, decides whether it
 * happens, so concurrent signups always leave one consistent state.
 */
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { EmailAddress } from "../subscription/address.ts";
import type { Consent } from "../subscription/subscriber.ts";
import { isConditionFailed } from "./conditional.ts";
import type { Db } from "./db.ts";
import { subscriberKey as key } from "./subscribers.ts";

export interface ClaimInput {
  id: string;
  email: EmailAddress;
  consent: Consent;
  now: Date;
  /** A pending subscriber gets another confirmation only this long after the last one. */
  resendAfterMs: number;
  /** The pending row expires (TTL) this long after the confirmation it claims. */
  expiresAfterMs: number;
}

export type Claim = { claimed: true; previousSentAt: string | undefined } | { claimed: false };

/**
 * Records a signup and claims the right to send its confirmation email, in one write. It succeeds
 * for a new address, an unsubscribed one (signing up again), or a pending one whose last
 * confirmation is older than `resendAfterMs`; an active or suppressed subscriber is left untouched.
 * A pending row carries `expiresAt`, moved on with each claim, so an unconfirmed signup is deleted.
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
          "confirmationSentAt = :now, updatedAt = :now, createdAt = if_not_exists(createdAt, :now), " +
          "expiresAt = :expires " +
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
          ":expires": Math.floor((input.now.getTime() + input.expiresAfterMs) / 1000),
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
