/**
 * When a digest's delivery is done: every reader its fan-out queued accounted for in the
 * delivery figures (sent, failed or skipped), the digest goes from `sending` to `sent`. Checked
 * after each job and after the fan-out, whichever ends last; a paused or stalled send stays `sending`.
 */
import type { Db } from "../store/db.ts";
import { getDeliveryFigures } from "../store/digest-stats.ts";
import { markSent } from "../store/digest-status.ts";

/** True when this call marked the digest sent. */
export async function settleDelivery(db: Db, week: string, now = new Date()): Promise<boolean> {
  const f = await getDeliveryFigures(db, week);
  if (f.recipients === undefined || f.sent + f.failed + f.skipped < f.recipients) return false;
  return markSent(db, week, now);
}
