/**
 * A digest's delivery paused by the reputation guard (send/reputation.ts), on the digest's own
 * row (`sendPause`, `guardBaseline`): one conditional write pauses it (so the editors are told
 * once), one resumes it (so a resume happens once, however often it is asked for).
 */
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { updateIf } from "./conditional.ts";
import type { Db } from "./db.ts";
import { DELIVERY_COUNTERS, type DigestStats } from "./digest-stats.ts";
import { digestKeys } from "./keys.ts";

export interface SendPause {
  at: string;
  /** In words, for the editors: "9 bounces in 200 sent (4.5%)". */
  reason: string;
  stats: DigestStats;
}

/** The counters a resume started from: the guard judges only what was sent after it. */
export type GuardBaseline = Pick<DigestStats, "sent" | "bounced" | "complained">;

export interface SendControl {
  paused: SendPause | undefined;
  baseline: GuardBaseline;
  stats: DigestStats;
}

/** The digest's pause, the guard's baseline and its counters, in one Query of its partition. */
export async function getSendControl(db: Db, week: string): Promise<SendControl> {
  const { Items = [] } = await db.client.send(
    new QueryCommand({
      TableName: db.table,
      KeyConditionExpression: "PK = :pk",
      ExpressionAttributeValues: { ":pk": digestKeys.key(week).PK },
      ProjectionExpression: ["SK", "sendPause", "guardBaseline", ...DELIVERY_COUNTERS]
        .map((_, i) => `#a${i}`)
        .join(", "),
      ExpressionAttributeNames: Object.fromEntries(
        ["SK", "sendPause", "guardBaseline", ...DELIVERY_COUNTERS].map((a, i) => [`#a${i}`, a]),
      ),
      ConsistentRead: true,
    }),
  );
  const digest = Items.find((i) => i.SK === digestKeys.key(week).SK);
  const counters = Items.find((i) => i.SK !== digestKeys.key(week).SK);
  return {
    paused: digest?.sendPause as SendPause | undefined,
    baseline: (digest?.guardBaseline as GuardBaseline | undefined) ?? { sent: 0, bounced: 0, complained: 0 },
    stats: Object.fromEntries(DELIVERY_COUNTERS.map((c) => [c, Number(counters?.[c] ?? 0)])) as DigestStats,
  };
}

/** Pauses the digest's delivery; true for the one call that did (it tells the editors). */
export async function pauseSend(db: Db, week: string, pause: SendPause): Promise<boolean> {
  const paused = await updateIf(db, {
    Key: digestKeys.key(week),
    UpdateExpression: "SET sendPause = :pause",
    ConditionExpression: "attribute_exists(PK) AND attribute_not_exists(sendPause)",
    ExpressionAttributeValues: { ":pause": pause },
  });
  return paused !== undefined;
}

/** Lifts the pause; true for the one call that did (it re-queues the readers not yet sent). */
export async function resumeSend(db: Db, week: string, baseline: GuardBaseline, at: Date): Promise<boolean> {
  const resumed = await updateIf(db, {
    Key: digestKeys.key(week),
    UpdateExpression: "SET guardBaseline = :baseline, resumedAt = :at REMOVE sendPause",
    ConditionExpression: "attribute_exists(sendPause)",
    ExpressionAttributeValues: { ":baseline": baseline, ":at": at.toISOString() },
  });
  return resumed !== undefined;
}
