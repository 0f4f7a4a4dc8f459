/**
 * Bounces and complaints counted against the digest they came from (the message's `digest`
 * tag), for the desk's figures and the reputation guard, which is asked at once whether the
 * send must pause. SNS may deliver an event twice: these are counters, not a ledger, and one
 * bounce counted twice errs towards pausing.
 */
import type { Context } from "../context.ts";
import { addDigestStats, type DigestStats } from "../store/digest-stats.ts";
import { SesEvent, digestOf } from "../subscription/suppression.ts";
import { checkReputation } from "./reputation.ts";

export interface DigestEventOutcome {
  digest: string;
  /** True when the digest's delivery is paused (now, or already). */
  paused: boolean;
}

/** Counts a bounce or complaint against its digest; undefined for anything else. */
export async function countDigestEvent(
  ctx: Context,
  record: unknown,
  now: Date,
): Promise<DigestEventOutcome | undefined> {
  const parsed = SesEvent.safeParse(record);
  if (!parsed.success) return undefined;
  const event = parsed.data;
  const week = digestOf(event);
  if (!week) return undefined;
  const type = event.eventType ?? event.notificationType;
  let delta: Partial<DigestStats>;
  if (type === "Bounce" && event.bounce) {
    const n = event.bounce.bouncedRecipients.length;
    delta = event.bounce.bounceType === "Permanent" ? { bounced: n } : { softBounced: n };
  } else if (type === "Complaint" && event.complaint && event.complaint.complaintFeedbackType !== "not-spam") {
    delta = { complained: event.complaint.complainedRecipients.length };
  } else {
    return undefined;
  }
  await addDigestStats(ctx.db, week, delta);
  return { digest: week, paused: (await checkReputation(ctx, week, now)) === "paused" };
}
