/** Leaving: one request, no questions, idempotent. */
import type { Context } from "../context.ts";
import { addDigestStats } from "../store/digest-stats.ts";
import { latestSentWeek } from "../store/digests.ts";
import { unsubscribeFrom } from "../store/subscriber-state.ts";
import { verifyToken } from "./token.ts";

/** Checks an unsubscribe token without changing anything (the GET page). Throws on a bad token. */
export function checkUnsubscribeToken(ctx: Context, token: string, now: Date): void {
  verifyToken(ctx.config, "unsubscribe", token, now);
}

/**
 * Unsubscribes the subscriber an unsubscribe token names. True when this call changed the state;
 * false when there was nothing to do (already unsubscribed, suppressed, or unknown).
 */
export async function unsubscribe(ctx: Context, token: string, now: Date): Promise<boolean> {
  const id = verifyToken(ctx.config, "unsubscribe", token, now);
  const left = await unsubscribeFrom(ctx.db, id, now);
  ctx.log.info("unsubscribe", { subscriber: id, changed: left !== undefined });
  // A reader of the digests who leaves counts against the newest one sent ("unsubscribed since").
  if (left === "active") {
    const week = await latestSentWeek(ctx.db);
    if (week) await addDigestStats(ctx.db, week, { unsubscribed: 1 });
  }
  return left !== undefined;
}
