/**
 * Editing a digest before its delivery begins: the patch is checked against the digest's items
 * and themes, applied to its edits, and the digest rendered anew through the build's own path
 * (digest/compose.ts) and stored over the revision that was read. Moves and drops are recorded
 * as corrections; the edit is in the audit log. A digest whose delivery began is final (409).
 */
import { recordAction } from "../admin/audit.ts";
import type { Context } from "../context.ts";
import { composeDigest, stateOf } from "../digest/compose.ts";
import { dedupe } from "../digest/dedupe.ts";
import type { DigestItem } from "../digest/item.ts";
import { weekItems } from "../digest/source.ts";
import { weekRange } from "../digest/week.ts";
import { TidingsError } from "../error.ts";
import { digestSentError, getDigest, isFinal, putDigest, type Digest, type DigestReview } from "../store/digests.ts";
import { themes } from "../theme/themes.ts";
import { recordCorrections } from "./corrections.ts";
import { noEdits, patchEdits, type DigestPatch } from "./edits.ts";

/** A digest, or 404. */
export async function digestOf(ctx: Context, week: string): Promise<Digest> {
  const digest = await getDigest(ctx.db, week);
  if (!digest) throw new TidingsError("not_found", "digest.not_found", `There is no digest for ${week}.`);
  return digest;
}

/** The review data of a digest built before review existed: its sections are the filing. */
export function reviewOf(digest: Digest): DigestReview {
  if (digest.review) return digest.review;
  const names = themes().list.map((t) => t.name);
  const own = digest.sections.map((s) => s.theme).filter((t) => !names.includes(t));
  return {
    themes: [...names, ...own],
    filed: Object.fromEntries(digest.sections.flatMap((s) => s.items.map((i) => [i.id, s.theme]))),
    why: {},
    edits: noEdits,
  };
}

/** The week's items as the digest was built from them, by id. */
export async function itemsOf(ctx: Context, digest: Digest): Promise<DigestItem[]> {
  return dedupe(await weekItems(ctx.db, weekRange(digest.week, ctx.config.digestTimezone)));
}

const cut = (text: string) => (text.length > 60 ? `${text.slice(0, 59)}…` : text);

/** What a patch did, for the audit log. */
function describe(week: string, patch: DigestPatch, items: Map<string, DigestItem>): string {
  const title = (id: string) => `“${cut(items.get(id)?.title ?? id)}”`;
  const parts = [
    ...(patch.moves ?? []).map((m) => `moved ${title(m.id)} to ${m.theme}`),
    ...(patch.drops ?? []).map((id) => `dropped ${title(id)}`),
    ...(patch.restores ?? []).map((id) => `restored ${title(id)}`),
    ...(patch.pins ?? []).map((id) => `pinned ${title(id)}`),
    ...(patch.unpins ?? []).map((id) => `unpinned ${title(id)}`),
    ...(patch.note !== undefined ? [patch.note.trim() ? "wrote the note" : "removed the note"] : []),
    ...(patch.subject !== undefined
      ? [patch.subject.trim() ? `subject “${cut(patch.subject)}”` : "subject reset"]
      : []),
  ];
  return `${week}: ${parts.join("; ") || "no change"}`;
}

/**
 * Applies a patch and re-renders; the updated digest.
 *
 * @example await editDigest(ctx, "2026-W20", { moves: [{ id: "itm_…", theme: "Policy & trade" }], note: "A quiet week." }, editor, now)
 */
export async function editDigest(
  ctx: Context,
  week: string,
  patch: DigestPatch,
  by: string,
  now: Date,
): Promise<Digest> {
  const digest = await digestOf(ctx, week);
  if (isFinal(digest)) throw digestSentError(week);
  const review = reviewOf(digest);
  const edits = patchEdits(review.edits, patch, review.filed, review.themes);
  const items = await itemsOf(ctx, digest);
  const next = await composeDigest(
    ctx,
    weekRange(week, ctx.config.digestTimezone),
    items,
    { ...review, edits },
    { ...stateOf(digest), revision: digest.revision + 1 },
  );
  await putDigest(ctx.db, next, { replace: true });
  const byId = new Map(items.map((i) => [i.key, i]));
  const touched = [...(patch.moves ?? []).map((m) => m.id), ...(patch.drops ?? []), ...(patch.restores ?? [])];
  await recordCorrections(ctx.db, week, touched, byId, review.filed, edits, by, now);
  await recordAction(ctx, { by, action: "digest.edit", detail: describe(week, patch, byId) }, now);
  return next;
}
