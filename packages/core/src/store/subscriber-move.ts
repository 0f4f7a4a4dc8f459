/**
 * A reader's move to a new address. The subscriber id is derived from the address, so a new
 * address is a new row: without transactions (dynalite has none) the move is two conditional
 * writes that a retry repeats safely. The request is one more, on the old row.
 *
 * 1. `askAddressChange`: the old row records the new address and a random code (sent only to the
 *    new address), at most once per `resendAfterMs`.
 * 2. `moveSubscriber`: the new row is written from the old one (themes, consent, dates, earlier
 *    ids) where no one else lives (no row, or one that left, never confirmed or was erased), or
 *    where this same move already wrote it; then the old row is deleted if it still holds the
 *    code. A crash between the two leaves both rows active until the link is opened again.
 */
import type { EmailAddress } from "../subscription/address.ts";
import type { Confirmation, Subscriber } from "../subscription/subscriber.ts";
import { deleteIf, putIf, updateIf } from "./conditional.ts";
import type { Db } from "./db.ts";
import { subscriberKeys } from "./keys.ts";
import { toRow } from "./subscribers.ts";

export interface AddressChange {
  email: EmailAddress;
  code: string;
  requestedAt: string;
}

/** Records a change of address on an active reader; false if not active or asked too recently. */
export async function askAddressChange(
  db: Db,
  id: string,
  change: AddressChange,
  resendAfterMs: number,
): Promise<boolean> {
  const asked = await updateIf(db, {
    Key: subscriberKeys.key(id),
    UpdateExpression: "SET addressChange = :change, updatedAt = :now",
    ConditionExpression:
      "#state = :active AND (attribute_not_exists(addressChange) OR addressChange.requestedAt <= :cutoff)",
    ExpressionAttributeNames: { "#state": "state" },
    ExpressionAttributeValues: {
      ":change": change,
      ":active": "active",
      ":now": change.requestedAt,
      ":cutoff": new Date(Date.parse(change.requestedAt) - resendAfterMs).toISOString(),
    },
  });
  return asked !== undefined;
}

export type MoveOutcome = "moved" | "taken";

/**
 * Moves `from` (as read, holding the change) to `to`. "taken": the new address belongs to an
 * active or suppressed reader, and nothing was written.
 */
export async function moveSubscriber(
  db: Db,
  from: Subscriber & { addressChange: AddressChange },
  to: { id: string },
  confirmation: Confirmation,
): Promise<MoveOutcome> {
  const { addressChange, confirmationDue: _, confirmationSentAt: __, expiresAt: ___, ...kept } = from;
  const moved: Subscriber = {
    ...kept,
    id: to.id,
    email: addressChange.email,
    state: "active",
    confirmation,
    updatedAt: confirmation.at,
    addressChangedAt: confirmation.at,
    previousIds: [...(from.previousIds ?? []), from.id],
  };
  const written = await putIf(db, {
    Item: { ...toRow(moved), movedFrom: from.id },
    ConditionExpression:
      "attribute_not_exists(PK) OR #state IN (:unsubscribed, :pending, :erased) OR movedFrom = :from",
    ExpressionAttributeNames: { "#state": "state" },
    ExpressionAttributeValues: {
      ":unsubscribed": "unsubscribed",
      ":pending": "pending",
      ":erased": "erased",
      ":from": from.id,
    },
  });
  if (!written) return "taken";
  await deleteIf(db, {
    Key: subscriberKeys.key(from.id),
    ConditionExpression: "addressChange.code = :code",
    ExpressionAttributeValues: { ":code": addressChange.code },
  });
  return "moved";
}

/** Drops a change of address whose email could not be sent, so the reader may ask again at once. */
export async function dropAddressChange(db: Db, id: string, code: string): Promise<void> {
  await updateIf(db, {
    Key: subscriberKeys.key(id),
    UpdateExpression: "REMOVE addressChange",
    ConditionExpression: "addressChange.code = :code",
    ExpressionAttributeValues: { ":code": code },
  });
}
