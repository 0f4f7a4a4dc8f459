/**
 * Rate limits kept in DynamoDB, so they hold across every Lambda instance: one counter item per
 * (scope, key, fixed window), bumped by a single conditional write that refuses once the window
 * is full. The item carries `expiresAt`, and DynamoDB's TTL sweeps it away after the window.
 */
import { updateIf } from "./conditional.ts";
import type { Db } from "./db.ts";
import { rateLimitKeys } from "./keys.ts";

export interface RateLimit {
  /** What is limited, e.g. `signup-client`. */
  scope: string;
  /** Who is limited within the scope, e.g. a client address (never an email address in clear). */
  key: string;
  /** Most hits per window. */
  max: number;
  windowSeconds: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Counts one hit against `limit` at `now`; refused hits are not counted. */
export async function hitRateLimit(db: Db, limit: RateLimit, now: Date): Promise<RateDecision> {
  const seconds = Math.floor(now.getTime() / 1000);
  const windowStart = seconds - (seconds % limit.windowSeconds);
  const windowEnd = windowStart + limit.windowSeconds;
  const counted = await updateIf(db, {
    Key: rateLimitKeys.key(limit.scope, limit.key, { seconds: limit.windowSeconds, start: windowStart }),
    UpdateExpression: "ADD hits :one SET #type = :type, expiresAt = if_not_exists(expiresAt, :expires)",
    ConditionExpression: "attribute_not_exists(hits) OR hits < :max",
    ExpressionAttributeNames: { "#type": "type" },
    ExpressionAttributeValues: {
      ":one": 1,
      ":max": limit.max,
      ":expires": windowEnd + 60,
      ":type": rateLimitKeys.type,
    },
  });
  return counted ? { allowed: true } : { allowed: false, retryAfterSeconds: windowEnd - seconds };
}
