/**
 * A digest's way through review, one conditional UpdateItem each on its row (store/digests.ts
 * has the row and the start of delivery): approved before delivery begins, asked of the editors
 * once, settled once at its deadline, and `sent` once every reader is accounted for.
 */
import { TidingsError } from "../error.ts";
import { updateIf } from "./conditional.ts";
import type { Db } from "./db.ts";
import { digestSentError, getDigest } from "./digests.ts";
import { digestKeys } from "./keys.ts";

/**
 * Approves a draft (or an approved digest again) before its delivery begins; the revision moves
 * on, so an edit made on what the editor saw before cannot land after it.
 */
export async function approve(db: Db, week: string, by: string, at: Date): Promise<void> {
  const approved = await updateIf(db, {
    Key: digestKeys.key(week),
    UpdateExpression:
      "SET #status = :approved, approvedBy = :by, approvedAt = :at, revision = if_not_exists(revision, :zero) + :one",
    ConditionExpression:
      "attribute_exists(PK) AND attribute_not_exists(sendStartedAt) AND (attribute_not_exists(#status) OR #status IN (:draft, :approved))",
    ExpressionAttributeNames: { "#status": "status" },
    ExpressionAttributeValues: {
      ":approved": "approved",
      ":draft": "draft",
      ":by": by,
      ":at": at.toISOString(),
      ":zero": 0,
      ":one": 1,
    },
  });
  if (approved) return;
  if (!(await getDigest(db, week)))
    throw new TidingsError("not_found", "digest.not_found", `There is no digest for ${week}.`);
  throw digestSentError(week);
}

/** `sending` → `sent`, once every reader the fan-out queued is accounted for (send/settle.ts). */
export async function markSent(db: Db, week: string, at: Date): Promise<boolean> {
  const marked = await updateIf(db, {
    Key: digestKeys.key(week),
    UpdateExpression: "SET #status = :sent, sentAt = :at",
    ConditionExpression: "#status = :sending",
    ExpressionAttributeNames: { "#status": "status" },
    ExpressionAttributeValues: { ":sent": "sent", ":sending": "sending", ":at": at.toISOString() },
  });
  return marked !== undefined;
}

/** Notes a draft put to the editors; false when it was already, or is no draft. */
export async function markReviewRequested(db: Db, week: string, at: Date): Promise<boolean> {
  const marked = await updateIf(db, {
    Key: digestKeys.key(week),
    UpdateExpression: "SET reviewRequestedAt = :at",
    ConditionExpression: "#status = :draft AND attribute_not_exists(reviewRequestedAt)",
    ExpressionAttributeNames: { "#status": "status" },
    ExpressionAttributeValues: { ":draft": "draft", ":at": at.toISOString() },
  });
  return marked !== undefined;
}

/** Records what REVIEW_DEADLINE made of an unapproved draft; false when another run did already. */
export async function markDeadline(db: Db, week: string, action: "skipped" | "sent", at: Date): Promise<boolean> {
  const marked = await updateIf(db, {
    Key: digestKeys.key(week),
    UpdateExpression: "SET deadline = :deadline",
    ConditionExpression: "#status = :draft AND attribute_not_exists(deadline)",
    ExpressionAttributeNames: { "#status": "status" },
    ExpressionAttributeValues: { ":draft": "draft", ":deadline": { action, at: at.toISOString() } },
  });
  return marked !== undefined;
}
