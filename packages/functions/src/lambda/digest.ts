/**
 * Weekly cron (sst.aws.CronV2 "WeeklyDigest"): builds the last complete week's digest, or the
 * week named in the event (`{ "week": "2026-W20" }`). Sending joins here with delivery.
 */
import { createContext } from "@tidings/core/context";
import { buildDigest } from "@tidings/core/digest/build";
import { lastCompleteWeek } from "@tidings/core/digest/week";

const ctx = createContext();

export async function handler(event: unknown) {
  const named = (event as { week?: unknown } | null)?.week;
  const week = typeof named === "string" ? named : lastCompleteWeek(new Date(), ctx.config.digestTimezone);
  const result = await buildDigest(ctx, week);
  return result.status === "empty"
    ? { week: result.range.week, status: "empty" }
    : { week: result.digest.week, status: result.status, items: result.digest.itemCount };
}
