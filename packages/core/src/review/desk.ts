/**
 * What the desk's page of one digest shows (pure but for its reads): every story where it now
 * stands (its theme, pinned or not, dropped), where the classifier had filed it and the words
 * that counted, and the themes a story may move to.
 */
import type { Context } from "../context.ts";
import { isFinal, type Digest } from "../store/digests.ts";
import { itemsOf, reviewOf, digestOf } from "./edit.ts";

export interface DeskItem {
  id: string;
  title: string;
  link: string;
  source: string;
  published: string;
  /** Where the classifier filed it. */
  filed: string;
  /** Moved by an editor (to the section it is listed in). */
  moved: boolean;
  pinned: boolean;
  why: { by: "words" | "label"; words: { word: string; weight: number }[] } | undefined;
}

export interface DeskDigest {
  digest: Digest;
  /** The digest can still be edited (its delivery has not begun). */
  editable: boolean;
  /** Every theme an item may move to, in display order. */
  themes: string[];
  sections: { theme: string; items: DeskItem[] }[];
  dropped: DeskItem[];
  note: string;
  /** The editor's subject, or "" when each reader's is led by their first headline. */
  subject: string;
}

/** @example const page = await deskDigest(ctx, "2026-W20") */
export async function deskDigest(ctx: Context, week: string): Promise<DeskDigest> {
  const digest = await digestOf(ctx, week);
  const review = reviewOf(digest);
  const { edits, filed, why } = review;
  const item = (id: string, title: string, link: string, source: string, published: string): DeskItem => ({
    id,
    title,
    link,
    source,
    published,
    filed: filed[id] ?? "",
    moved: edits.moves[id] !== undefined,
    pinned: edits.pins.includes(id),
    why: why[id],
  });
  // Dropped stories are not in the digest: their titles come from the week's items.
  const byId = new Map(edits.drops.length ? (await itemsOf(ctx, digest)).map((i) => [i.key, i]) : []);
  return {
    digest,
    editable: !isFinal(digest),
    themes: review.themes,
    sections: digest.sections.map((s) => ({
      theme: s.theme,
      items: s.items.map((i) => item(i.id, i.title, i.link, i.source, i.published)),
    })),
    dropped: edits.drops
      .map((id) => byId.get(id))
      .filter((i) => i !== undefined)
      .map((i) => item(i.key, i.title, i.link ?? "", i.source, i.published)),
    note: edits.note,
    subject: edits.subject,
  };
}
