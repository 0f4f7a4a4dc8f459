/**
 * What the dashboard must not let an editor miss, decided from figures alone (pure): a feed
 * failing for more than a day, a send that stopped, and the last send's bounce or complaint rate
 * over what mailbox providers and SES tolerate.
 */
import type { DeliveryFigures } from "../store/digest-stats.ts";

export const LIMITS = {
  feedFailingMs: 24 * 60 * 60 * 1000,
  /** A fan-out this old whose recipients are not all accounted for has stopped. */
  sendStalledMs: 60 * 60 * 1000,
  bounceRate: 0.02,
  complaintRate: 0.001,
} as const;

export interface Warning {
  kind: "feed_failing" | "feed_disabled" | "send_stopped" | "bounce_rate" | "complaint_rate";
  message: string;
}

export interface FeedHealthInput {
  title: string;
  status: string | undefined;
  failures: number;
  failingSince?: string | undefined;
  lastErrorAt?: string | undefined;
  lastError?: string | undefined;
  disabled?: string | undefined;
}

const percent = (x: number) => `${(x * 100).toFixed(x < 0.01 ? 2 : 1)}%`;

/** The warnings for these feeds and the last send (newest digest with a fan-out), at `now`. */
export function warningsOf(
  feeds: FeedHealthInput[],
  lastSend: { week: string; figures: DeliveryFigures } | undefined,
  now: Date,
): Warning[] {
  const out: Warning[] = [];
  for (const f of feeds) {
    if (f.status !== "active") continue;
    if (f.disabled) out.push({ kind: "feed_disabled", message: `${f.title} is disabled: ${f.disabled}` });
    const since = f.failingSince ?? f.lastErrorAt;
    if (f.failures > 0 && since && now.getTime() - Date.parse(since) > LIMITS.feedFailingMs) {
      out.push({
        kind: "feed_failing",
        message: `${f.title} has been failing since ${since.slice(0, 16).replace("T", " ")} UTC: ${f.lastError ?? "unknown error"}`,
      });
    }
  }
  if (!lastSend) return out;
  const { week, figures } = lastSend;
  const accounted = figures.sent + figures.failed + figures.skipped;
  if (
    figures.recipients !== undefined &&
    figures.fannedOutAt &&
    accounted < figures.recipients &&
    now.getTime() - Date.parse(figures.fannedOutAt) > LIMITS.sendStalledMs
  ) {
    out.push({
      kind: "send_stopped",
      message: `The send of ${week} stopped: ${accounted} of ${figures.recipients} readers done since ${figures.fannedOutAt.slice(0, 16).replace("T", " ")} UTC.`,
    });
  }
  if (figures.sent > 0) {
    const bounces = figures.bounced / figures.sent;
    const complaints = figures.complained / figures.sent;
    if (bounces > LIMITS.bounceRate)
      out.push({
        kind: "bounce_rate",
        message: `${percent(bounces)} of the ${week} send bounced (over ${percent(LIMITS.bounceRate)}).`,
      });
    if (complaints > LIMITS.complaintRate)
      out.push({
        kind: "complaint_rate",
        message: `${percent(complaints)} of the ${week} send complained (over ${percent(LIMITS.complaintRate)}).`,
      });
  }
  return out;
}
