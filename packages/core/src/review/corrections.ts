/**
 * Corrections: every move an editor makes in a digest is kept with the item's text and the
 * editor's theme, and every later build learns from them as fixed labels (theme/learn.ts); drops
 * are kept too, for the desk. Listed in the desk, each can be undone.
 */
import type { Db } from "../store/db.ts";
import { deleteCorrection, listCorrections, putCorrection, type StoredCorrection } from "../store/corrections.ts";
import type { Correction } from "../theme/learn.ts";
import type { DigestItem } from "../digest/item.ts";
import type { DigestEdits } from "./edits.ts";

export type { StoredCorrection };

/**
 * What the build of `week` learns from: the moves of that week and the weeks before, newest
 * first (an item corrected twice counts with its last theme).
 *
 * @example await buildDigest(ctx, week, { corrections: await learnedCorrections(ctx.db, week) })
 */
export async function learnedCorrections(db: Db, week: string): Promise<Correction[]> {
  return (await listCorrections(db, { upTo: week }))
    .filter((c) => c.kind === "move" && c.theme)
    .map(({ title, summary, categories, source, theme }) => ({ title, summary, categories, source, theme: theme! }));
}

/**
 * Brings the stored corrections of a digest in line with its edits, for the items a patch
 * touched: a move or a drop is recorded (replacing what the item had), an item back where the
 * classifier filed it has none.
 */
export async function recordCorrections(
  db: Db,
  week: string,
  touched: readonly string[],
  items: ReadonlyMap<string, DigestItem>,
  filed: Readonly<Record<string, string>>,
  edits: DigestEdits,
  by: string,
  at: Date,
): Promise<void> {
  for (const id of new Set(touched)) {
    const item = items.get(id);
    if (!item) continue;
    const dropped = edits.drops.includes(id);
    const theme = edits.moves[id];
    if (!dropped && theme === undefined) {
      await deleteCorrection(db, week, id);
      continue;
    }
    await putCorrection(db, {
      week,
      itemId: id,
      kind: dropped ? "drop" : "move",
      title: item.title,
      summary: item.summary,
      categories: item.categories,
      source: item.source,
      from: filed[id]!,
      ...(dropped ? {} : { theme }),
      by,
      at: at.toISOString(),
    });
  }
}

/** Every correction, newest week first, for the desk. */
export const allCorrections = (db: Db, limit = 500) => listCorrections(db, { limit });
