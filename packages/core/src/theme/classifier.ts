/**
 * The themes file's keyword rules: files each item under exactly one theme by the words the
 * editor wrote (`keywords`, weighted `terms`, `ignore` phrases, feed `categories`). Used alone it
 * is the classifier without learning; learn.ts starts from its filing. The configuration is
 * compiled once into a Matcher; classifying an item is then one pass over its words.
 *
 * A keyword counts like a term of weight `scoring.keywordWeight`.
 * Score of a theme = Σ weight × titleWeight of its terms found in the title
 *                  + Σ weight of its terms found in the summary
 *                  + categoryWeight when one of the item's categories is mapped to it,
 * where a term counts once per field, a term inside one of the theme's `ignore` phrases does
 * not count, and where the theme's terms overlap only the longest counts ("memory chip", not
 * also "memory"). The best score wins; ties go to the theme listed first. The fallback is scored
 * like the others (it is listed last, so it loses ties) and also gets every item whose best
 * score is under `minScore`.
 */
import { configError, parseThemeConfig, type ThemeConfig } from "./schema.ts";
import { Matcher, type Match } from "./matcher.ts";
import { words } from "./words.ts";

/** What the classifier reads of an item (a FeedItem has all three). */
export interface ThemeItem {
  title: string;
  summary: string;
  categories: readonly string[];
}

export interface Hit {
  term: string;
  where: "title" | "summary" | "category";
  points: number;
}

export interface ThemeScore {
  theme: string;
  score: number;
  hits: Hit[];
  /** Terms that matched but sat inside one of the theme's ignore phrases. */
  cancelled: { term: string; by: string; where: "title" | "summary" }[];
}

/** Why an item landed where it did: every theme's score (the fallback's last), in display order. */
export interface Explanation {
  theme: string;
  scores: ThemeScore[];
}

export interface Themes {
  /** Every theme in display order, the fallback last. */
  list: { name: string; about: string }[];
  /** The fallback theme's name ("More news"). */
  fallback: string;
  /** The name of the one theme the item belongs to. */
  classify(item: ThemeItem): string;
  /** Every theme's score, in display order (the fallback last). */
  scores(item: ThemeItem): number[];
  /** The same decision with the score breakdown, for debugging a configuration. */
  explain(item: ThemeItem): Explanation;
}

type Field = "title" | "summary";

/**
 * Checks and compiles a themes file's keyword rules (no learning: see learn.ts).
 * Throws a TidingsError naming the bad entry when the configuration is wrong.
 *
 * @example const themes = compileThemes(config); themes.classify({ title, summary, categories: [] }) // "Memory & storage"
 */
export function compileThemes(raw: unknown): Themes {
  return compileRules(parseThemeConfig(raw));
}

/** The keyword rules of a checked configuration (see compileThemes). */
export function compileRules(config: ThemeConfig): Themes {
  const { titleWeight, categoryWeight, minScore, keywordWeight } = config.scoring;
  const all = [...config.themes, config.fallback];
  const names = all.map((t) => t.name);
  const matcher = new Matcher();
  const categories = new Map<string, number>();
  all.forEach((theme, index) => {
    for (const text of theme.keywords) matcher.add({ text, theme: index, weight: keywordWeight, ignore: false });
    for (const [text, weight] of Object.entries(theme.terms))
      matcher.add({ text, theme: index, weight, ignore: false });
    for (const text of theme.ignore) matcher.add({ text, theme: index, weight: 0, ignore: true });
    for (const category of theme.categories) categories.set(words(category).join(" "), index);
  });
  all.forEach((theme, index) => {
    for (const phrase of theme.ignore) {
      if (!matcher.find(words(phrase)).some((m) => m.term.theme === index && !m.term.ignore))
        throw configError(
          `theme "${theme.name}" → ignore → "${phrase}"`,
          "contains none of the theme's terms, so it cancels nothing",
        );
    }
  });

  /** Adds one field's points to `scores`; records hits when `detail` is given. */
  function scoreField(text: string, where: Field, factor: number, scores: number[], detail?: ThemeScore[]): void {
    // Longest first, so that "memory chip" claims its words before "memory" can.
    const matches = matcher.find(words(text)).sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
    const ignored: Match[] = matches.filter((m) => m.term.ignore);
    const kept: Match[] = [];
    const counted = new Set<Match["term"]>();
    const overlaps = (list: Match[], m: Match) =>
      list.find((n) => n.term.theme === m.term.theme && n.start < m.end && m.start < n.end);
    for (const m of matches) {
      if (m.term.ignore || counted.has(m.term) || overlaps(kept, m)) continue;
      const by = overlaps(ignored, m);
      if (by) {
        detail?.[m.term.theme]!.cancelled.push({ term: m.term.text, by: by.term.text, where });
        continue;
      }
      kept.push(m);
      counted.add(m.term);
      scores[m.term.theme]! += m.term.weight * factor;
      detail?.[m.term.theme]!.hits.push({ term: m.term.text, where, points: m.term.weight * factor });
    }
  }

  function themeScores(item: ThemeItem, detail?: ThemeScore[]): number[] {
    const scores = names.map(() => 0);
    scoreField(item.title, "title", titleWeight, scores, detail);
    scoreField(item.summary, "summary", 1, scores, detail);
    const mapped = new Set<number>();
    for (const category of item.categories) {
      const index = categories.get(words(category).join(" "));
      if (index === undefined || mapped.has(index)) continue;
      mapped.add(index);
      scores[index]! += categoryWeight;
      detail?.[index]!.hits.push({ term: category, where: "category", points: categoryWeight });
    }
    detail?.forEach((d, i) => (d.score = scores[i]!));
    return scores;
  }

  function score(item: ThemeItem, detail?: ThemeScore[]): string {
    const scores = themeScores(item, detail);
    let best = -1;
    // Strictly greater: on a tie the theme listed first keeps the item.
    for (let i = 0; i < scores.length; i++)
      if (scores[i]! > 0 && scores[i]! >= minScore && (best < 0 || scores[i]! > scores[best]!)) best = i;
    return best < 0 ? config.fallback.name : names[best]!;
  }

  return {
    list: all.map(({ name, about }) => ({ name, about })),
    fallback: config.fallback.name,
    classify: (item) => score(item),
    scores: (item) => themeScores(item),
    explain(item) {
      const scores: ThemeScore[] = names.map((theme) => ({ theme, score: 0, hits: [], cancelled: [] }));
      return { theme: score(item, scores), scores };
    },
  };
}
