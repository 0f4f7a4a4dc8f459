/**
 * The reputation guard. SES puts an account under review at a 5% bounce or 0.1% complaint
 * rate and can pause it beyond that; mailbox providers want complaints well under 0.3%. A send
 * to an old list can cross those lines in minutes, so each digest's bounces and complaints are
 * counted from SES's events (digest-stats.ts) and, past the configured limits over enough sends,
 * the send pauses itself: consumers stop taking its recipients, the editors are told, and a
 * resume continues it once. Readers already sent are never sent again (the send records).
 */
import type { Context } from "../context.ts";
import type { Queue } from "../queue/queue.ts";
import type { DigestStats } from "../store/digest-stats.ts";
import { getSendControl, pauseSend, resumeSend, type GuardBaseline } from "../store/send-pause.ts";
import { fanOut, type FanOutResult } from "./fan-out.ts";
import type { SendJob } from "./job.ts";
import { tellEditorsOfPause } from "./pause-notice.ts";

export interface GuardLimits {
  bounceRate: number;
  complaintRate: number;
  /** Rates are judged only once this many were sent (since the last resume). */
  minSends: number;
}

const percent = (n: number) => `${(n * 100).toFixed(n < 0.01 ? 2 : 1)}%`;

/**
 * Why the send must pause, or undefined while it may go on. Only what was sent, bounced and
 * complained since `baseline` (the last resume) counts.
 *
 * @example assessReputation({ sent: 200, bounced: 9, … }, undefined, limits) // "9 bounces in 200 sent (4.5%) …"
 */
export function assessReputation(
  stats: Pick<DigestStats, "sent" | "bounced" | "complained">,
  baseline: GuardBaseline | undefined,
  limits: GuardLimits,
): string | undefined {
  const sent = stats.sent - (baseline?.sent ?? 0);
  const bounced = stats.bounced - (baseline?.bounced ?? 0);
  const complained = stats.complained - (baseline?.complained ?? 0);
  if (sent < limits.minSends || sent <= 0) return undefined;
  if (bounced / sent > limits.bounceRate)
    return `${bounced} hard bounces in ${sent} sent (${percent(bounced / sent)}, the limit is ${percent(limits.bounceRate)})`;
  if (complained / sent > limits.complaintRate)
    return `${complained} complaints in ${sent} sent (${percent(complained / sent)}, the limit is ${percent(limits.complaintRate)})`;
  return undefined;
}

/**
 * Whether the digest's delivery may go on: "paused" if it is, or if its figures say it must
 * be now (then it pauses it, and the call that did tells the editors).
 */
export async function checkReputation(ctx: Context, week: string, now = new Date()): Promise<"go" | "paused"> {
  const control = await getSendControl(ctx.db, week);
  if (control.paused) return "paused";
  const reason = assessReputation(control.stats, control.baseline, ctx.config.guard);
  if (!reason) return "go";
  if (await pauseSend(ctx.db, week, { at: now.toISOString(), reason, stats: control.stats })) {
    ctx.log.warn("send paused by the reputation guard", { week, reason });
    ctx.metrics.count("SendsStopped");
    await tellEditorsOfPause(ctx, week, reason);
  }
  return "paused";
}

export type ResumeResult = ({ status: "resumed" } & FanOutResult) | { status: "not_paused" };

/**
 * Resumes a paused delivery, once: the call that lifts the pause puts every active reader on
 * the queue again (those already sent are skipped by their send records); any other call,
 * concurrent or later, finds nothing paused and does nothing. The guard then judges only what
 * is sent from here on.
 */
export async function resumeDelivery(
  ctx: Context,
  week: string,
  queue: Queue<SendJob>,
  now = new Date(),
): Promise<ResumeResult> {
  const { stats } = await getSendControl(ctx.db, week);
  const baseline = { sent: stats.sent, bounced: stats.bounced, complained: stats.complained };
  if (!(await resumeSend(ctx.db, week, baseline, now))) return { status: "not_paused" };
  ctx.log.info("send resumed", { week });
  return { status: "resumed", ...(await fanOut(ctx, week, queue, { now })) };
}
