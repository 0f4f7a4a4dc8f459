/**
 * Grouping by theme and the email's item caps. Sections follow the theme list's order; items
 * in a section are newest first. The theme classifier is passed in (`theme/`), so this file
 * only knows the shape of its answer.
 */
import type { DigestItem } from "./item.ts";

/** Names the theme an item belongs to (see `packages/core/src/theme/`). */
export type Classify = (item: { title: string; summary: string; categories: string[]; source?: string }) => string;

export interface Section {
  theme: string;
  items: DigestItem[];
}

/** A section as the email shows it: the first items, and how many more the web has. */
export interface CappedSection extends Section {
  hidden: number;
}

export interface Caps {
  maxPerTheme: number;
  maxItems: number;
}

const newestFirst = (a: DigestItem, b: DigestItem) =>
  b.published.localeCompare(a.published) || a.feedKey.localeCompare(b.feedKey) || a.key.localeCompare(b.key);

/** One section per non-empty theme, in `themes` order (a theme missing from the list goes last). */
export function groupByTheme(items: readonly DigestItem[], classify: Classify, themes: readonly string[]): Section[] {
  const groups = new Map<string, DigestItem[]>(themes.map((t) => [t, []]));
  for (const item of items) {
    const theme = classify(item);
    const group = groups.get(theme);
    if (group) group.push(item);
    else groups.set(theme, [item]);
  }
  return [...groups]
    .filter(([, list]) => list.length > 0)
    .map(([theme, list]) => ({ theme, items: list.sort(newestFirst) }));
}

/**
 * Cuts sections to the caps. The total is shared out round-robin (one item per theme per
 * round), so a busy first theme cannot crowd the later ones out of the email.
 */
export function applyCaps(sections: readonly Section[], caps: Caps): CappedSection[] {
  const shown = sections.map(() => 0);
  let left = Math.max(0, caps.maxItems);
  for (let progress = true; left > 0 && progress;) {
    progress = false;
    sections.forEach((s, i) => {
      if (left > 0 && shown[i]! < Math.min(s.items.length, caps.maxPerTheme)) {
        shown[i]!++;
        left--;
        progress = true;
      }
    });
  }
  return sections.map((s, i) => ({
    theme: s.theme,
    items: s.items.slice(0, shown[i]),
    hidden: s.items.length - shown[i]!,
  }));
}
