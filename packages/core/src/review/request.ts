/**
 * A draft put to the editors (REVIEW=on): each gets an email with a link to it in the desk,
 * once per draft. Nothing is sent to readers until one approves it.
 */
import { newsletter } from "@tidings/templates/newsletter";
import type { Context } from "../context.ts";
import { weekDates } from "../digest/week.ts";
import { markReviewRequested } from "../store/digest-status.ts";
import type { Digest } from "../store/digests.ts";
import { reviewUrl, tellEditors } from "./notify.ts";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * Emails the editors a link to the draft unless they were already; "already" when they were.
 *
 * @example if (result.digest.status === "draft") await requestReview(ctx, result.digest, now)
 */
export async function requestReview(ctx: Context, digest: Digest, now: Date): Promise<"requested" | "already"> {
  if (digest.reviewRequestedAt) return "already";
  const dates = weekDates(digest, newsletter.locale);
  const deadline =
    ctx.config.reviewDeadline === "send"
      ? "sent as it is (REVIEW_DEADLINE=send)"
      : "skipped: readers get no digest for this week (REVIEW_DEADLINE=skip)";
  await tellEditors(ctx, {
    subject: `To review: the digest of ${dates}`,
    heading: "A digest to review",
    paragraphs: [
      `The digest of ${dates} is ready as a draft: ${plural(digest.itemCount, "story")} in ${plural(digest.sections.length, "theme")}. Nothing goes to readers until an editor approves it.`,
      "In the desk you can move a story to another theme, drop one, pin one to the top of its theme, write a note and change the subject, and send yourself a test copy; approving it starts the delivery.",
      `If nobody approves it before next week's digest is built, it will be ${deadline}.`,
    ],
    action: { url: reviewUrl(ctx, digest.week), label: "Review the draft" },
  });
  await markReviewRequested(ctx.db, digest.week, now);
  ctx.log.info("review: the editors were asked to review the draft", { week: digest.week });
  return "requested";
}
