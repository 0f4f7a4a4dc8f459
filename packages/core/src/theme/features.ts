/**
 * What the learning classifier counts in an item: the stems of its title's and summary's words
 * (each once per field, the title's worth `titleWeight`), optionally adjacent pairs of them
 * ("core web" "web vital"), the feed's categories and the item's source.
 */
import { meaningfulWords, stem } from "./text.ts";

/** What the classifier reads of an item; a stored feed item has all of it. */
export interface LearnItem {
  title: string;
  summary?: string;
  categories?: readonly string[];
  /** The feed's title ("Svelte Blog"): some feeds write about one theme only. */
  source?: string;
}

export interface FeatureOptions {
  /** A word in the title counts this many times one in the summary. */
  titleWeight: number;
  /** Count adjacent pairs of words too. */
  bigrams: boolean;
  /** Weight of each of the item's feed categories (0: ignore them). */
  categoryWeight: number;
  /** Weight of the item's source (0: ignore it). */
  sourceWeight: number;
}

/** A feature and a readable name for it (the first word seen with that stem). */
export type Features = Map<string, { count: number; label: string }>;

/**
 * @example itemFeatures({ title: "Svelte 5.2 ships", source: "Svelte Blog" }, o)
 *   // svelt → {count: 2, label: "svelte"}, ship → …, "src:svelte blog" → {count: 1, …}
 */
export function itemFeatures(item: LearnItem, o: FeatureOptions): Features {
  const out: Features = new Map();
  const add = (feature: string, label: string, count: number) => {
    const seen = out.get(feature);
    if (seen) seen.count += count;
    else out.set(feature, { count, label });
  };
  const field = (text: string, weight: number) => {
    const words = meaningfulWords(text);
    const stems = words.map(stem);
    const once = new Set<string>();
    stems.forEach((s, i) => {
      if (!once.has(s)) add(s, words[i]!, weight);
      once.add(s);
      if (!o.bigrams || i === 0) return;
      const pair = `${stems[i - 1]} ${s}`;
      if (!once.has(pair)) add(pair, `${words[i - 1]} ${words[i]}`, weight);
      once.add(pair);
    });
  };
  field(item.title, o.titleWeight);
  field(item.summary ?? "", 1);
  if (o.categoryWeight > 0)
    for (const category of new Set((item.categories ?? []).map((c) => c.trim().toLowerCase())))
      if (category) add(`cat:${category}`, `category “${category}”`, o.categoryWeight);
  const source = item.source?.trim().toLowerCase();
  if (o.sourceWeight > 0 && source) add(`src:${source}`, `source “${item.source!.trim()}”`, o.sourceWeight);
  return out;
}

/** Identity of an item's text, to recognise a corrected item when it comes round again. */
export function itemKey(item: LearnItem): string {
  return `${item.title.trim().toLowerCase()}\n${(item.summary ?? "").trim().toLowerCase()}`;
}
