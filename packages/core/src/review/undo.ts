/**
 * Undoing a correction: the learner forgets it (its row goes), and while its digest can still
 * change, the story goes back where the classifier filed it (a move) or into the digest again
 * (a drop), re-rendered as any edit is. A digest whose delivery began keeps what readers got.
 */
import { recordAction } from "../admin/audit.ts";
import type { Context } from "../context.ts";
import { TidingsError } from "../error.ts";
import { deleteCorrection, type StoredCorrection } from "../store/corrections.ts";
import { getDigest, isFinal } from "../store/digests.ts";
import { editDigest, reviewOf } from "./edit.ts";

/**
 * @example const { digest } = await undoCorrection(ctx, "2026-W20", "itm_…", editor, now) // "edited" | "final"
 */
export async function undoCorrection(
  ctx: Context,
  week: string,
  itemId: string,
  by: string,
  now: Date,
): Promise<{ correction: StoredCorrection; digest: "edited" | "final" }> {
  const digest = await getDigest(ctx.db, week);
  const removed = await deleteCorrection(ctx.db, week, itemId);
  if (!removed)
    throw new TidingsError("not_found", "correction.not_found", "There is no such correction (undone already?).");
  let outcome: "edited" | "final" = "final";
  if (digest && !isFinal(digest)) {
    const filed = reviewOf(digest).filed[itemId];
    const patch =
      removed.kind === "drop" ? { restores: [itemId] } : filed ? { moves: [{ id: itemId, theme: filed }] } : {};
    await editDigest(ctx, week, patch, by, now);
    outcome = "edited";
  }
  const what = removed.kind === "drop" ? "drop" : `move to ${removed.theme}`;
  await recordAction(
    ctx,
    { by, action: "correction.undo", detail: `${week}: undid the ${what} of “${removed.title}”` },
    now,
  );
  return { correction: removed, digest: outcome };
}
