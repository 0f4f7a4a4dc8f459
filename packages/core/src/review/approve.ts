/**
 * Approving a digest starts its delivery: the digest becomes `approved` (its revision moves on, so
 * an edit made on an older view cannot land after it), and one start message goes on the send
 * queue, whose consumer fans it out (send/start.ts): the Api's SendQueue on AWS, the app's
 * in-process queue under `npm start`. Once delivery began, approving again is refused (409).
 */
import { recordAction } from "../admin/audit.ts";
import type { Context } from "../context.ts";
import type { Queue } from "../queue/queue.ts";
import type { SendMessage } from "../send/job.ts";
import { approve } from "../store/digest-status.ts";
import type { Digest } from "../store/digests.ts";
import { digestOf } from "./edit.ts";

/**
 * @example await approveDigest(ctx, "2026-W20", "editor@example.com", c.var.deliveries, now)
 */
export async function approveDigest(
  ctx: Context,
  week: string,
  by: string,
  deliveries: Queue<SendMessage>,
  now: Date,
): Promise<Digest> {
  await approve(ctx.db, week, by, now);
  await deliveries.enqueue([{ week, start: true }]);
  await recordAction(ctx, { by, action: "digest.approve", detail: `${week}: approved; delivery starts` }, now);
  return digestOf(ctx, week);
}
