/**
 * What became of a digest's delivery, as counters beside the digest (`DIGEST#<week>` / `STATS`):
 * the send consumers add sent/failed/skipped, the SES event handler bounces and complaints, the
 * unsubscribe route the readers who left after it went out. One UpdateItem of ADDs per call,
 * so writers never read first and never overwrite each other. Counters, not a ledger: the send
 * records (sends.ts) stay the truth about who was mailed; these are for the desk and the
 * reputation guard, where an increment lost to a crash between two writes is tolerable.
 */
import { GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Db } from "./db.ts";
import { digestStatsKeys } from "./keys.ts";

export const DELIVERY_COUNTERS = [
  "sent",
  "failed",
  "skipped",
  "bounced",
  "softBounced",
  "complained",
  "unsubscribed",
] as const;
export type DeliveryCounter = (typeof DELIVERY_COUNTERS)[number];
export type DigestStats = Record<DeliveryCounter, number>;

/**
 * Adds to a digest's counters (zero and missing counters are left alone).
 *
 * @example await addDigestStats(ctx.db, "2026-W20", { sent: 48, skipped: 2 })
 */
export async function addDigestStats(db: Db, week: string, delta: Partial<DigestStats>): Promise<void> {
  const counters = DELIVERY_COUNTERS.filter((c) => (delta[c] ?? 0) !== 0);
  if (counters.length === 0) return;
  await db.client.send(
    new UpdateCommand({
      TableName: db.table,
      Key: digestStatsKeys.key(week),
      UpdateExpression: `SET #type = :type, week = :week ADD ${counters.map((c) => `#${c} :${c}`).join(", ")}`,
      ExpressionAttributeNames: { "#type": "type", ...Object.fromEntries(counters.map((c) => [`#${c}`, c])) },
      ExpressionAttributeValues: {
        ":type": digestStatsKeys.type,
        ":week": week,
        ...Object.fromEntries(counters.map((c) => [`:${c}`, delta[c]])),
      },
    }),
  );
}

/** A digest's counters; every counter is 0 until something was counted. */
export async function getDigestStats(db: Db, week: string): Promise<DigestStats> {
  const { Item } = await db.client.send(
    new GetCommand({ TableName: db.table, Key: digestStatsKeys.key(week), ConsistentRead: true }),
  );
  return Object.fromEntries(DELIVERY_COUNTERS.map((c) => [c, Number(Item?.[c] ?? 0)])) as DigestStats;
}

/**
 * Records a fan-out: how many readers it queued and when (each run replaces the last). With the
 * counters, the dashboard tells a send still going from one that stopped.
 */
export async function recordFanOut(db: Db, week: string, recipients: number, at: Date): Promise<void> {
  await db.client.send(
    new UpdateCommand({
      TableName: db.table,
      Key: digestStatsKeys.key(week),
      UpdateExpression: "SET #type = :type, week = :week, recipients = :n, fannedOutAt = :at",
      ExpressionAttributeNames: { "#type": "type" },
      ExpressionAttributeValues: {
        ":type": digestStatsKeys.type,
        ":week": week,
        ":n": recipients,
        ":at": at.toISOString(),
      },
    }),
  );
}

export interface DeliveryFigures extends DigestStats {
  /** Readers the last fan-out queued, and when; absent before any. */
  recipients?: number;
  fannedOutAt?: string;
}

/** A digest's counters and its last fan-out, in one read. */
export async function getDeliveryFigures(db: Db, week: string): Promise<DeliveryFigures> {
  const { Item } = await db.client.send(new GetCommand({ TableName: db.table, Key: digestStatsKeys.key(week) }));
  const stats = Object.fromEntries(DELIVERY_COUNTERS.map((c) => [c, Number(Item?.[c] ?? 0)])) as DigestStats;
  return {
    ...stats,
    ...(Item?.recipients !== undefined ? { recipients: Number(Item.recipients) } : {}),
    ...(Item?.fannedOutAt ? { fannedOutAt: Item.fannedOutAt as string } : {}),
  };
}
