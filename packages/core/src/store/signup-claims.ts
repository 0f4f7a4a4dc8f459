/**
 * A signup and its confirmation email, in three conditional writes: the request claims the email
 * (`claimConfirmation`), the outbox's consumer takes the claim just before sending
 * (`takeConfirmation`), and gives it back if SES would not take the email
 * (`releaseConfirmation`). The conditions, not earlier reads, decide, so concurrent signups and
 * duplicate queue messages send at most one email per claim.
 */
import { addressKey, type EmailAddress } from "../subscription/address.ts";
import type { Consent } from "../subscription/subscriber.ts";
import { updateIf } from "./conditional.ts";
import type { Db } from "./db.ts";
import { subscriberKeys } from "./keys.ts";
import { countTransition } from "./reader-counts.ts";

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

/**
 * Records a signup and, in the same write, makes its confirmation email due (`confirmationDue`,
 * the claim's time). It succeeds for a new address, an unsubscribed or erased one (signing up
 * again), or a pending one whose last confirmation is older than `resendAfterMs`; an active or suppressed
 * subscriber is left untouched (false). A pending row carries `expiresAt`, moved on with each
 * claim, so an unconfirmed signup is deleted.
 */
export async function claimConfirmation(db: Db, input: ClaimInput): Promise<boolean> {
  const now = input.now.toISOString();
  const claimed = await updateIf(db, {
    Key: subscriberKeys.key(input.id),
    UpdateExpression:
      "SET #type = :type, #id = :id, #state = :pending, email = :email, consent = :consent, " +
      "confirmationSentAt = :now, confirmationDue = :now, updatedAt = :now, " +
      "createdAt = if_not_exists(createdAt, :now), expiresAt = :expires, " +
      "#source = :source, GSI2PK = :gsi2pk, GSI2SK = :gsi2sk " +
      "REMOVE confirmation, GSI1PK, GSI1SK, imported, erasedAt",
    ConditionExpression:
      "attribute_not_exists(PK) OR #state IN (:unsubscribed, :erased) OR " +
      "(#state = :pending AND (attribute_not_exists(confirmationSentAt) OR confirmationSentAt <= :cutoff))",
    ExpressionAttributeNames: { "#type": "type", "#id": "id", "#state": "state", "#source": "source" },
    ExpressionAttributeValues: {
      ":type": subscriberKeys.type,
      ":id": input.id,
      ":pending": "pending",
      ":unsubscribed": "unsubscribed",
      ":erased": "erased",
      ":source": input.consent.form === "api" ? "api" : "form",
      ":gsi2pk": subscriberKeys.listedIn("pending"),
      ":gsi2sk": addressKey(input.email),
      ":email": input.email,
      ":consent": input.consent,
      ":now": now,
      ":cutoff": new Date(input.now.getTime() - input.resendAfterMs).toISOString(),
      ":expires": Math.floor((input.now.getTime() + input.expiresAfterMs) / 1000),
    },
    ReturnValues: "UPDATED_OLD",
  });
  if (!claimed) return false;
  await countTransition(db, claimed.Attributes?.state as string | undefined, "pending", input.now);
  return true;
}

/** A confirmation email the caller now owns: send it, or give it back. */
export interface DueConfirmation {
  email: EmailAddress;
  /** The claim's time (`confirmationSentAt` while the claim stands). */
  claimedAt: string;
}

/**
 * Takes the confirmation email a claim made due, if one is and the subscriber is still pending:
 * exactly one caller gets it, however often the queue delivers the message.
 */
export async function takeConfirmation(db: Db, id: string): Promise<DueConfirmation | undefined> {
  const taken = await updateIf(db, {
    Key: subscriberKeys.key(id),
    UpdateExpression: "REMOVE confirmationDue",
    ConditionExpression: "#state = :pending AND attribute_exists(confirmationDue)",
    ExpressionAttributeNames: { "#state": "state" },
    ExpressionAttributeValues: { ":pending": "pending" },
    ReturnValues: "ALL_OLD",
  });
  const old = taken?.Attributes;
  return old && { email: old.email as EmailAddress, claimedAt: old.confirmationDue as string };
}

/**
 * Gives back a claim whose email SES refused, so the reader can try again at once; a newer claim
 * (a later signup) is left alone.
 */
export async function releaseConfirmation(db: Db, id: string, claimedAt: string): Promise<void> {
  await updateIf(db, {
    Key: subscriberKeys.key(id),
    UpdateExpression: "REMOVE confirmationSentAt",
    ConditionExpression: "confirmationSentAt = :claimedAt",
    ExpressionAttributeValues: { ":claimedAt": claimedAt },
  });
}

/**
 * Makes a taken confirmation due again, as the claim left it, when it failed before SES saw it
 * (the email could not be rendered): the message's next delivery takes it and sends it, once. A
 * newer claim, or a subscriber no longer pending, is left alone.
 */
export async function restoreConfirmation(db: Db, id: string, claimedAt: string): Promise<void> {
  await updateIf(db, {
    Key: subscriberKeys.key(id),
    UpdateExpression: "SET confirmationDue = :claimedAt",
    ConditionExpression:
      "#state = :pending AND confirmationSentAt = :claimedAt AND attribute_not_exists(confirmationDue)",
    ExpressionAttributeNames: { "#state": "state" },
    ExpressionAttributeValues: { ":claimedAt": claimedAt, ":pending": "pending" },
  });
}
