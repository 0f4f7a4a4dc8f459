/**
 * Send records: one per (digest, subscriber), the ledger that makes delivery exactly-once.
 * A consumer claims the record with a conditional write before calling SES and completes it
 * with the SES message id; nobody else can claim it meanwhile. A claim left unfinished by a
 * crash may be taken over once it is older than the claim timeout.
 */
import { randomUUID } from "node:crypto";
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { queryAll } from "./batch.ts";
import { ifConditionHolds } from "./conditional.ts";
import type { Db } from "./db.ts";

export type SendStatus = "claimed" | "sent" | "failed";

export interface SendRecord {
  week: string;
  subscriberId: string;
  status: SendStatus;
  claimId: string;
  claimedAt: number;
  messageId?: string;
  error?: string;
  sentAt?: number;
}

export type SendClaim =
  | { ok: true; claimId: string }
  /** Sent or failed for good already: nothing to do. */
  | { ok: false; reason: "done"; status: SendStatus }
  /** Another consumer holds a fresh claim: try again after the claim timeout. */
  | { ok: false; reason: "busy" };

const key = (week: string, subscriberId: string) => ({ PK: `SEND#${week}`, SK: `SUB#${subscriberId}` });

/** True if a conditional write applied, false if its condition did not hold. */
const applied = async (write: Promise<unknown>) => (await ifConditionHolds(write)) !== undefined;

export async function claimSend(
  db: Db,
  week: string,
  subscriberId: string,
  now: number,
  claimTimeoutMs: number,
): Promise<SendClaim> {
  const claimId = randomUUID();
  const won = await applied(
    db.client.send(
      new PutCommand({
        TableName: db.table,
        Item: { ...key(week, subscriberId), week, subscriberId, status: "claimed", claimId, claimedAt: now },
        ConditionExpression: "attribute_not_exists(PK) OR (#status = :claimed AND claimedAt < :stale)",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: { ":claimed": "claimed", ":stale": now - claimTimeoutMs },
      }),
    ),
  );
  if (won) return { ok: true, claimId };
  const existing = await getSend(db, week, subscriberId);
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
  const detail = outcome.status === "sent" ? { ":detail": outcome.messageId } : { ":detail": outcome.error };
  return applied(
    db.client.send(
      new UpdateCommand({
        TableName: db.table,
        Key: key(week, subscriberId),
        UpdateExpression: `SET #status = :status, finishedAt = :at, ${outcome.status === "sent" ? "messageId" : "#error"} = :detail`,
        ConditionExpression: "claimId = :claimId",
        ExpressionAttributeNames: {
          "#status": "status",
          ...(outcome.status === "failed" ? { "#error": "error" } : {}),
        },
        ExpressionAttributeValues: { ":status": outcome.status, ":at": outcome.at, ":claimId": claimId, ...detail },
      }),
    ),
  );
}

/** Completes a claimed record from SES's own word that the message went out (send-events.ts). */
export async function confirmSent(
  db: Db,
  week: string,
  subscriberId: string,
  messageId: string,
  at: number,
): Promise<boolean> {
  return applied(
    db.client.send(
      new UpdateCommand({
        TableName: db.table,
        Key: key(week, subscriberId),
        UpdateExpression: "SET #status = :sent, messageId = :messageId, finishedAt = :at",
        ConditionExpression: "#status = :claimed",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: { ":sent": "sent", ":claimed": "claimed", ":messageId": messageId, ":at": at },
      }),
    ),
  );
}

/** Gives a claim back (SES could not take the message now), so a retry can claim it at once. */
export async function releaseSend(db: Db, week: string, subscriberId: string, claimId: string): Promise<void> {
  await applied(
    db.client.send(
      new DeleteCommand({
        TableName: db.table,
        Key: key(week, subscriberId),
        ConditionExpression: "claimId = :claimId AND #status = :claimed",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: { ":claimId": claimId, ":claimed": "claimed" },
      }),
    ),
  );
}

export async function getSend(db: Db, week: string, subscriberId: string): Promise<SendRecord | undefined> {
  const { Item } = await db.client.send(
    new GetCommand({ TableName: db.table, Key: key(week, subscriberId), ConsistentRead: true }),
  );
  return Item as SendRecord | undefined;
}

/** Counts of a digest's send records by status (reporting; reads the whole partition). */
export async function sendTotals(db: Db, week: string): Promise<Record<SendStatus, number>> {
  const totals: Record<SendStatus, number> = { claimed: 0, sent: 0, failed: 0 };
  const rows = await queryAll(db, {
    KeyConditionExpression: "PK = :pk",
    ExpressionAttributeValues: { ":pk": `SEND#${week}` },
    ProjectionExpression: "#status",
    ExpressionAttributeNames: { "#status": "status" },
  });
  for (const row of rows) totals[row.status as SendStatus]++;
  return totals;
}
