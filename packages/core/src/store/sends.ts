/**
 * Send records (`sendKeys` in keys.ts): one per (digest, subscriber), the ledger that makes
 * delivery exactly-once. A consumer claims the record with a conditional write before calling
 * SES and completes it with the SES message id; nobody else can claim it meanwhile. A claim left
 * unfinished by a crash may be taken over once it is older than the claim timeout.
 */
import { randomUUID } from "node:crypto";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { queryAll } from "./batch.ts";
import { deleteIf, putIf, updateIf } from "./conditional.ts";
import type { Db } from "./db.ts";
import { dataOf, rowOf, sendKeys } from "./keys.ts";

export type SendStatus = "claimed" | "sent" | "failed";

export interface SendRecord {
  week: string;
  subscriberId: string;
  status: SendStatus;
  claimId: string;
  /** Epoch milliseconds. */
  claimedAt: number;
  messageId?: string;
  error?: string;
  /** When it was sent or failed for good (epoch milliseconds); unset while claimed. */
  finishedAt?: number;
}

export type SendClaim =
  | { ok: true; claimId: string }
  /** Sent or failed for good already: nothing to do. */
  | { ok: false; reason: "done"; status: SendStatus }
  /** Another consumer holds a fresh claim: try again after the claim timeout. */
  | { ok: false; reason: "busy" };

function toRow(record: SendRecord): Record<string, unknown> {
  return rowOf(sendKeys.type, sendKeys.key(record.week, record.subscriberId), record);
}

function fromRow(row: Record<string, unknown>): SendRecord {
  return dataOf(row) as unknown as SendRecord;
}

export interface ClaimOptions {
  /** The new claim's id (the caller keeps it, should the write's outcome be unknown). */
  claimId?: string;
  /**
   * Earlier claims of the caller's own whose outcome it never learnt (the write failed for good
   * after perhaps landing) and which never reached SES: taken over at once, not after the timeout.
   */
  orphans?: string[];
}

export async function claimSend(
  db: Db,
  week: string,
  subscriberId: string,
  now: number,
  claimTimeoutMs: number,
  { claimId = randomUUID(), orphans = [] }: ClaimOptions = {},
): Promise<SendClaim> {
  const orphaned = orphans.map((_, i) => `:orphan${i}`);
  const won = await putIf(db, {
    Item: toRow({ week, subscriberId, status: "claimed", claimId, claimedAt: now }),
    ConditionExpression:
      "attribute_not_exists(PK) OR (#status = :claimed AND claimedAt < :stale)" +
      (orphans.length ? ` OR (#status = :claimed AND claimId IN (${orphaned.join(", ")}))` : ""),
    ExpressionAttributeNames: { "#status": "status" },
    ExpressionAttributeValues: {
      ":claimed": "claimed",
      ":stale": now - claimTimeoutMs,
      ...Object.fromEntries(orphans.map((o, i) => [`:orphan${i}`, o])),
    },
  });
  if (won) return { ok: true, claimId };
  const existing = await getSend(db, week, subscriberId);
  // The SDK sent the Put again after a lost answer, and the first one had landed: ours.
  if (existing?.status === "claimed" && existing.claimId === claimId) return { ok: true, claimId };
  if (existing && existing.status !== "claimed") return { ok: false, reason: "done", status: existing.status };
  return { ok: false, reason: "busy" };
}

/** Records the outcome; only the holder of the claim may (a taken-over claim is not ours). */
export async function finishSend(
  db: Db,
  week: string,
  subscriberId: string,
  claimId: string,
  outcome: { status: "sent"; messageId: string; at: number } | { status: "failed"; error: string; at: number },
): Promise<boolean> {
  const sent = outcome.status === "sent";
  const finished = await updateIf(db, {
    Key: sendKeys.key(week, subscriberId),
    UpdateExpression: `SET #status = :status, finishedAt = :at, ${sent ? "messageId" : "#error"} = :detail`,
    ConditionExpression: "claimId = :claimId",
    ExpressionAttributeNames: { "#status": "status", ...(sent ? {} : { "#error": "error" }) },
    ExpressionAttributeValues: {
      ":status": outcome.status,
      ":at": outcome.at,
      ":claimId": claimId,
      ":detail": sent ? outcome.messageId : outcome.error,
    },
  });
  return finished !== undefined;
}

/** Completes a claimed record from SES's own word that the message went out (send-events.ts). */
export async function confirmSent(
  db: Db,
  week: string,
  subscriberId: string,
  messageId: string,
  at: number,
): Promise<boolean> {
  const confirmed = await updateIf(db, {
    Key: sendKeys.key(week, subscriberId),
    UpdateExpression: "SET #status = :sent, messageId = :messageId, finishedAt = :at",
    ConditionExpression: "#status = :claimed",
    ExpressionAttributeNames: { "#status": "status" },
    ExpressionAttributeValues: { ":sent": "sent", ":claimed": "claimed", ":messageId": messageId, ":at": at },
  });
  return confirmed !== undefined;
}

/** Gives a claim back (SES could not take the message now), so a retry can claim it at once. */
export async function releaseSend(db: Db, week: string, subscriberId: string, claimId: string): Promise<void> {
  await deleteIf(db, {
    Key: sendKeys.key(week, subscriberId),
    ConditionExpression: "claimId = :claimId AND #status = :claimed",
    ExpressionAttributeNames: { "#status": "status" },
    ExpressionAttributeValues: { ":claimId": claimId, ":claimed": "claimed" },
  });
}

export async function getSend(db: Db, week: string, subscriberId: string): Promise<SendRecord | undefined> {
  const { Item } = await db.client.send(
    new GetCommand({ TableName: db.table, Key: sendKeys.key(week, subscriberId), ConsistentRead: true }),
  );
  return Item ? fromRow(Item) : undefined;
}

/** Counts of a digest's send records by status (reporting; reads the whole partition). */
export async function sendTotals(db: Db, week: string): Promise<Record<SendStatus, number>> {
  const totals: Record<SendStatus, number> = { claimed: 0, sent: 0, failed: 0 };
  const rows = await queryAll(db, {
    KeyConditionExpression: "PK = :pk",
    ExpressionAttributeValues: { ":pk": sendKeys.of(week) },
    ProjectionExpression: "#status",
    ExpressionAttributeNames: { "#status": "status" },
  });
  for (const row of rows) totals[row.status as SendStatus]++;
  return totals;
}
