/**
 * REVIEW_DEADLINE: a draft the editors were asked to review and did not approve before the next
 * week's job runs is sent as it is (`send`) or left unsent (`skip`, the default); either way the
 * editors are told and the audit log says so. A skipped draft stays in the desk: approving it
 * later still sends it. Drafts nobody was asked about (those `npm start` builds for past weeks)
 * are left alone.
 */
import { recordAction } from "../admin/audit.ts";
import type { Context } from "../context.ts";
import { approve, markDeadline } from "../store/digest-status.ts";
import { listDigests } from "../store/digests.ts";
import { reviewUrl, tellEditors } from "./notify.ts";

export interface DeadlineOutcome {
  week: string;
  action: "skipped" | "sent";
}

/**
 * Settles the drafts of weeks before `week` that are overdue; what was done with each. `send`
 * starts the delivery of one that is sent (a fan-out onto the send queue, or a whole local send).
 *
 * @example await settleOverdueDrafts(ctx, "2026-W21", (w) => fanOut(ctx, w, queue), now) // [{ week: "2026-W20", action: "skipped" }]
 */
export async function settleOverdueDrafts(
  ctx: Context,
  week: string,
  send: (week: string) => Promise<unknown>,
  now: Date,
): Promise<DeadlineOutcome[]> {
  const overdue = (await listDigests(ctx.db)).filter(
    (d) => d.status === "draft" && d.reviewRequestedAt && !d.deadline && d.week < week,
  );
  const action = ctx.config.reviewDeadline === "send" ? "sent" : "skipped";
  const done: DeadlineOutcome[] = [];
  for (const draft of overdue) {
    // Another run got there first: theirs to do.
    if (!(await markDeadline(ctx.db, draft.week, action, now))) continue;
    if (action === "sent") {
      await approve(ctx.db, draft.week, "deadline", now);
      await send(draft.week);
    }
    const what =
      action === "sent"
        ? "was sent as it was, unreviewed (REVIEW_DEADLINE=send)"
        : "was not sent: readers got no digest for that week (REVIEW_DEADLINE=skip)";
    await recordAction(
      ctx,
      { by: "deadline", action: `digest.deadline.${action}`, detail: `${draft.week}: ${what}` },
      now,
    );
    await tellEditors(ctx, {
      subject: `Not approved in time: the digest of ${draft.week} ${action === "sent" ? "was sent" : "was skipped"}`,
      heading: "A draft passed its deadline",
      paragraphs: [
        `Nobody approved the draft digest of ${draft.week} before the next week's digest was built, so it ${what}.`,
        ...(action === "skipped" ? ["It stays in the desk as a draft: approving it there still sends it."] : []),
      ],
      action: { url: reviewUrl(ctx, draft.week), label: "Open it in the desk" },
    });
    ctx.log.info("review: an overdue draft was settled", { week: draft.week, action });
    done.push({ week: draft.week, action });
  }
  return done;
}
