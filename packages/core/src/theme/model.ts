/**
 * A learned theme model: naive Bayes in log-odds form. Each theme has a weight per feature,
 * log(p(feature | theme) / p(feature | all items)), so an item's score for a theme is its prior
 * plus the sum of its features' weights: a sum of points that can be shown word by word.
 */
import { itemFeatures, itemKey, type FeatureOptions, type LearnItem } from "./features.ts";

export interface WordWeight {
  /** The word as it appeared in the item (or `source “…”`, `category “…”`). */
  word: string;
  /** Points it gave the theme (its weight × how often it counts: the title's words count more). */
  weight: number;
  /**
   * When the word counted mostly through words that mean nearly the same (a word the items
   * rarely use): those words, e.g. "hamstring" counts for Injuries like "injury" and "knee".
   */
  like?: string[];
}

export interface LearnedExplanation {
  theme: string;
  /** `words`: by the item's words; `label`: an editor (or the file's examples) filed this very item. */
  by: "words" | "label";
  /** The words that counted for the theme, strongest first. */
  words: WordWeight[];
  /** Every theme's score (log-odds, higher is better), in display order, the fallback last. */
  scores: { theme: string; score: number }[];
}

export interface ModelParts {
  names: string[];
  logPrior: Float64Array;
  /** Per theme, weight by feature id. */
  weights: Float64Array[];
  vocab: ReadonlyMap<string, number>;
  features: FeatureOptions;
  /** Items filed by hand, by itemKey: they keep their theme. */
  labels: ReadonlyMap<string, string>;
  /** The words that lent feature `id` most of its weight for `theme` (none: it stands alone). */
  lenders?: (theme: number, id: number) => string[];
}

export interface ThemeModel {
  scores(item: LearnItem): number[];
  classify(item: LearnItem): string;
  explain(item: LearnItem): LearnedExplanation;
}

/** How many words an explanation lists at most. */
const shown = 12;

export function themeModel({ names, logPrior, weights, vocab, features, labels, lenders }: ModelParts): ThemeModel {
  function scoresOf(item: LearnItem, contributions?: Map<string, number>[], ids?: Map<string, number>): number[] {
    const out = Array.from(logPrior);
    for (const [feature, { count, label }] of itemFeatures(item, features)) {
      const id = vocab.get(feature);
      if (id === undefined) continue; // never seen while learning: no evidence either way
      ids?.set(label, id);
      for (let c = 0; c < names.length; c++) {
        const points = count * weights[c]![id]!;
        out[c]! += points;
        if (contributions) contributions[c]!.set(label, (contributions[c]!.get(label) ?? 0) + points);
      }
    }
    return out;
  }

  // Strictly greater: a tie goes to the theme listed first.
  const best = (scores: number[]) => scores.reduce((b, s, c) => (s > scores[b]! ? c : b), 0);

  return {
    scores: (item) => scoresOf(item),
    classify(item) {
      return labels.get(itemKey(item)) ?? names[best(scoresOf(item))]!;
    },
    explain(item) {
      const contributions = names.map(() => new Map<string, number>());
      const ids = new Map<string, number>();
      const scores = scoresOf(item, contributions, ids);
      const labelled = labels.get(itemKey(item));
      const theme = labelled ?? names[best(scores)]!;
      const c = names.indexOf(theme);
      const words = [...contributions[c]!]
        .map(([word, weight]) => [word, Math.round(weight * 100) / 100] as const)
        .filter(([, weight]) => weight > 0)
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .slice(0, shown)
        .map(([word, weight]): WordWeight => {
          const like = lenders?.(c, ids.get(word)!) ?? [];
          return { word, weight, ...(like.length ? { like } : {}) };
        });
      return {
        theme,
        by: labelled ? "label" : "words",
        words,
        scores: names.map((name, c) => ({ theme: name, score: Math.round(scores[c]! * 100) / 100 })),
      };
    },
  };
}
