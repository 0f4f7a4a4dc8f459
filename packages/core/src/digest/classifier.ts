/**
 * The theme classifier as the digest uses it: learned, at each build, from the newsletter's
 * recent items, the themes file's examples and the editor's corrections (theme/learn.ts).
 */
import type { Db } from "../store/db.ts";
import { itemsPublishedBetween } from "../store/items.ts";
import { learnThemes, type Correction } from "../theme/learn.ts";
import { wordNeighbours } from "../theme/neighbours.ts";
import { themeConfig, themes as rules } from "../theme/themes.ts";
import type { Classify } from "./sections.ts";
import type { WeekRange } from "./week.ts";

/** Why an item landed where it did: the words that counted for its theme, strongest first. */
export interface ItemWhy {
  /** `label`: an editor's correction (or the file's examples) filed this very item. */
  by: "words" | "label";
  words: { word: string; weight: number }[];
}

export interface Classifier {
  classify: Classify;
  /** Theme names in display order. */
  themes: string[];
  /** The words that counted (the learned classifier; the keyword rules alone give none). */
  explain?: (item: Parameters<Classify>[0]) => ItemWhy;
}

/** How many words an item's explanation keeps (the desk shows them). */
const whyWords = 6;

/** How far back the build learns from, and at most how many items: memory stays bounded. */
export const learningWindow = { weeks: 52, items: 10_000 };

/** The themes file's keyword rules alone: no learning, no store. */
export function ruleClassifier(): Classifier {
  const t = rules();
  return { classify: t.classify, themes: t.list.map((x) => x.name) };
}

/**
 * Learns from the items published in the year up to the week's end (the newest 10,000 at most)
 * and the corrections given, then files with what it learned.
 *
 * @example const { classify } = await digestClassifier(ctx.db, range, corrections)
 */
export async function digestClassifier(
  db: Db,
  range: Pick<WeekRange, "end">,
  corrections: readonly Correction[] = [],
): Promise<Classifier> {
  const from = new Date(range.end.getTime() - learningWindow.weeks * 7 * 24 * 3600 * 1000);
  const stored = (await itemsPublishedBetween(db, from, range.end)).slice(-learningWindow.items);
  const items = stored.map((i) => ({
    title: i.title,
    summary: i.summary,
    categories: i.categories,
    source: i.feedTitle,
  }));
  const learned = learnThemes(themeConfig(), { items, corrections, neighbours: wordNeighbours() });
  return {
    classify: learned.classify,
    themes: learned.list.map((x) => x.name),
    explain(item) {
      const { by, words } = learned.explain(item);
      return { by, words: words.slice(0, whyWords).map(({ word, weight }) => ({ word, weight })) };
    },
  };
}
