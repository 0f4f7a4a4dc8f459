/**
 * An editor's edits of a digest, as data (pure): where the classifier filed each item, and on
 * top of it the moves, drops, pins, note and subject. A digest is always rendered from the
 * filing with the edits applied, so an edit is never lost by a rebuild and an undo is an edit.
 */
import type { DigestItem } from "../digest/item.ts";
import { groupByTheme, type Section } from "../digest/sections.ts";
import { TidingsError } from "../error.ts";
import type { DigestEdits } from "../store/digests.ts";

export type { DigestEdits };

export const noEdits: DigestEdits = { moves: {}, drops: [], pins: [], note: "", subject: "" };

/** Longest note and subject an editor may write. */
export const NOTE_MAX = 2_000;
export const SUBJECT_MAX = 200;

/** One change asked for (the API's PATCH body, or one of the desk's forms). */
export interface DigestPatch {
  moves?: { id: string; theme: string }[];
  drops?: string[];
  /** Dropped items put back. */
  restores?: string[];
  pins?: string[];
  unpins?: string[];
  note?: string;
  subject?: string;
}

/**
 * The digest's sections: its items (those filed at the build) under the theme an editor moved
 * them to, or the classifier's; dropped ones left out; pinned ones first in their theme, in the
 * order they were pinned, the rest newest first. Themes in `themes` order.
 *
 * @example applyEdits(items, { a: "Policy & trade" }, { ...noEdits, drops: ["b"] }, themes)
 */
export function applyEdits(
  items: readonly DigestItem[],
  filed: Readonly<Record<string, string>>,
  edits: DigestEdits,
  themes: readonly string[],
): Section[] {
  const dropped = new Set(edits.drops);
  const kept = items.filter((i) => filed[i.key] !== undefined && !dropped.has(i.key));
  const sections = groupByTheme(
    kept,
    (i) => edits.moves[(i as DigestItem).key] ?? filed[(i as DigestItem).key]!,
    themes,
  );
  const pinOrder = new Map(edits.pins.map((id, n) => [id, n]));
  return sections.map((s) => {
    const pinned = s.items
      .filter((i) => pinOrder.has(i.key))
      .sort((a, b) => pinOrder.get(a.key)! - pinOrder.get(b.key)!);
    return { theme: s.theme, items: [...pinned, ...s.items.filter((i) => !pinOrder.has(i.key))] };
  });
}

const invalid = (problems: string[]) =>
  new TidingsError("invalid", "digest.bad_edit", problems.join("; "), { data: { problems } });

/**
 * The edits after a patch, or a 400 naming every unknown item and theme. A move to the theme the
 * classifier chose undoes the move; a move or a restore brings a dropped item back.
 */
export function patchEdits(
  edits: DigestEdits,
  patch: DigestPatch,
  filed: Readonly<Record<string, string>>,
  themes: readonly string[],
): DigestEdits {
  const problems: string[] = [];
  const ids = [
    ...(patch.moves ?? []).map((m) => m.id),
    ...(patch.drops ?? []),
    ...(patch.restores ?? []),
    ...(patch.pins ?? []),
    ...(patch.unpins ?? []),
  ];
  const unknownIds = [...new Set(ids.filter((id) => filed[id] === undefined))];
  if (unknownIds.length) problems.push(`no item ${unknownIds.join(", ")} in this digest`);
  const unknownThemes = [...new Set((patch.moves ?? []).map((m) => m.theme).filter((t) => !themes.includes(t)))];
  if (unknownThemes.length) {
    problems.push(`no theme ${unknownThemes.map((t) => `"${t}"`).join(", ")} (the themes: ${themes.join(", ")})`);
  }
  if ((patch.note?.length ?? 0) > NOTE_MAX) problems.push(`the note is longer than ${NOTE_MAX} characters`);
  if ((patch.subject?.length ?? 0) > SUBJECT_MAX) problems.push(`the subject is longer than ${SUBJECT_MAX} characters`);
  if (problems.length) throw invalid(problems);

  const moves = { ...edits.moves };
  const drops = new Set(edits.drops);
  const pins = edits.pins.filter((id) => !(patch.unpins ?? []).includes(id));
  for (const { id, theme } of patch.moves ?? []) {
    if (theme === filed[id]) delete moves[id];
    else moves[id] = theme;
    drops.delete(id);
  }
  for (const id of patch.restores ?? []) drops.delete(id);
  for (const id of patch.drops ?? []) drops.add(id);
  for (const id of patch.pins ?? []) if (!pins.includes(id)) pins.push(id);
  return {
    moves,
    drops: [...drops],
    pins: pins.filter((id) => !drops.has(id)),
    note: patch.note === undefined ? edits.note : patch.note.trim(),
    // A subject is one line.
    subject: patch.subject === undefined ? edits.subject : patch.subject.replace(/\s+/g, " ").trim(),
  };
}

/** Where an item stands after the edits: its theme, or "dropped". */
export const placeOf = (id: string, filed: Readonly<Record<string, string>>, edits: DigestEdits) =>
  edits.drops.includes(id) ? "dropped" : (edits.moves[id] ?? filed[id]);
