/**
 * How well a themes file files a labelled set: accuracy, per-theme recall and precision, the
 * confusions; and the learning curve, as an editor correcting the weeks in order would see it.
 * `npm run themes -- evaluate` and `npm run bench -- themes-curve` print these.
 */
import { z } from "zod";
import { TidingsError } from "../error.ts";
import { compileRules } from "./classifier.ts";
import { learnThemes, type Correction, type LearnOptions } from "./learn.ts";
import { wordNeighbours } from "./neighbours.ts";
import type { ThemeConfig } from "./schema.ts";

/** A labelled item; `week` or `published` give the order an editor meets it in. */
export interface LabelledItem extends Correction {
  week?: string;
  published?: string;
}

const Labelled = z
  .object({
    title: z.string(),
    summary: z.string().nullish(),
    categories: z.array(z.string()).nullish(),
    source: z.string().nullish(),
    theme: z.string().optional(),
    /** The semiconductor sets' name for `theme`. */
    label: z.string().optional(),
    week: z.string().optional(),
    published: z.string().optional(),
  })
  .refine((i) => i.theme ?? i.label, { message: 'needs a "theme"' })
  .transform((i): LabelledItem => ({
    title: i.title,
    summary: i.summary ?? "",
    categories: i.categories ?? [],
    ...(i.source ? { source: i.source } : {}),
    theme: (i.theme ?? i.label)!,
    ...(i.week ? { week: i.week } : {}),
    ...(i.published ? { published: i.published } : {}),
  }));

/**
 * A labelled file: `[{ title, summary?, theme }]`, or an object holding such lists (`items`,
 * or named parts like `heldOut`), which are joined.
 */
export function parseLabelled(raw: unknown): LabelledItem[] {
  const lists = Array.isArray(raw)
    ? [raw]
    : raw && typeof raw === "object"
      ? Object.values(raw).filter((v): v is unknown[] => Array.isArray(v))
      : [];
  const result = z.array(Labelled).min(1, "no labelled items").safeParse(lists.flat());
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new TidingsError("invalid", "theme.labelled", `labelled items: [${issue.path.join("].")}]: ${issue.message}`);
  }
  return result.data;
}

export interface Evaluation {
  total: number;
  correct: number;
  accuracy: number;
  /** Display order, the fallback last. */
  themes: string[];
  /** confusion[labelled][filed]: counts, by index in `themes`; a label the file lacks is not counted. */
  confusion: number[][];
  /** Items whose label names no theme of the file. */
  unknown: number;
}

/** Files each item with `classify` and counts. */
export function score(
  themes: string[],
  items: readonly LabelledItem[],
  classify: (i: LabelledItem) => string,
): Evaluation {
  const confusion = themes.map(() => themes.map(() => 0));
  let correct = 0;
  let unknown = 0;
  for (const item of items) {
    const want = themes.indexOf(item.theme);
    if (want < 0) {
      unknown++;
      continue;
    }
    const got = themes.indexOf(classify(item));
    confusion[want]![got]!++;
    if (got === want) correct++;
  }
  const total = items.length - unknown;
  return { total, correct, accuracy: total ? correct / total : 0, themes, confusion, unknown };
}

const ruleItem = (i: LabelledItem) => ({ title: i.title, summary: i.summary ?? "", categories: i.categories ?? [] });

/** The keyword rules alone, no learning. */
export function evaluateRules(config: ThemeConfig, items: readonly LabelledItem[]): Evaluation {
  const rules = compileRules(config);
  return score(
    rules.list.map((t) => t.name),
    items,
    (i) => rules.classify(ruleItem(i)),
  );
}

/** Learns from the set's items as the unlabelled pool (labels hidden), then files them; as the digest does, with the shipped word neighbours. */
export function evaluateLearned(
  config: ThemeConfig,
  items: readonly LabelledItem[],
  options: Partial<LearnOptions> = {},
): Evaluation {
  const pool = items.map(({ theme: _, ...item }) => item);
  const learned = learnThemes(config, { items: pool, neighbours: wordNeighbours() }, options);
  return score(
    learned.list.map((t) => t.name),
    items,
    learned.classify,
  );
}

/** The order an editor reviews items in: by week, then publication, then as listed. */
function reviewOrder(items: readonly LabelledItem[]): LabelledItem[] {
  return items
    .map((item, n) => ({ item, n }))
    .sort(
      (a, b) =>
        (a.item.week ?? "").localeCompare(b.item.week ?? "") ||
        (a.item.published ?? "").localeCompare(b.item.published ?? "") ||
        a.n - b.n,
    )
    .map(({ item }) => item);
}

export interface CurvePoint {
  /** Corrections asked for, and made (fewer when the set ran out of misfiled items). */
  asked: number;
  made: number;
  /** On the items never used as a correction. */
  evaluation: Evaluation;
}

/**
 * The learning curve: an editor reviews the weeks in order, each week filed by a model learned
 * from every item (unlabelled) and the corrections so far, and corrects the misfiled items,
 * first come first served, until `n` corrections are made. Accuracy is measured only on items
 * never used as a correction. The file's examples are used when `config.examples` has any.
 */
export function learningCurve(
  config: ThemeConfig,
  items: readonly LabelledItem[],
  counts: readonly number[],
  options: Partial<LearnOptions> = {},
): CurvePoint[] {
  const pool = items.map(({ theme: _, ...item }) => item);
  const neighbours = wordNeighbours();
  const ordered = reviewOrder(items);
  const weeks = [...new Set(ordered.map((i) => i.week ?? i.published?.slice(0, 10) ?? ""))];
  const weekOf = (i: LabelledItem) => i.week ?? i.published?.slice(0, 10) ?? "";
  return counts.map((n) => {
    const corrections: LabelledItem[] = [];
    for (const week of weeks) {
      if (corrections.length >= n) break;
      const model = learnThemes(config, { items: pool, corrections, neighbours }, options);
      for (const item of ordered.filter((i) => weekOf(i) === week))
        if (corrections.length < n && model.classify(item) !== item.theme) corrections.push(item);
    }
    const model = learnThemes(config, { items: pool, corrections, neighbours }, options);
    const unseen = items.filter((i) => !corrections.includes(i));
    return {
      asked: n,
      made: corrections.length,
      evaluation: score(
        model.list.map((t) => t.name),
        unseen,
        model.classify,
      ),
    };
  });
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** Accuracy, per-theme recall and precision, and the confusion table, as text. */
export function formatEvaluation(e: Evaluation): string {
  const short = e.themes.map((t, i) => `T${i + 1}`);
  const width = Math.max(...e.themes.map((t) => t.length)) + 5;
  const lines = [`accuracy ${pct(e.accuracy)} (${e.correct}/${e.total})`];
  if (e.unknown) lines.push(`(${e.unknown} items labelled with a theme the file does not have were left out)`);
  lines.push(
    "",
    `${"labelled ↓  filed →".padEnd(width)}${short.map((s) => s.padStart(5)).join("")}   recall  precision`,
  );
  e.themes.forEach((theme, i) => {
    const row = e.confusion[i]!;
    const labelled = row.reduce((a, b) => a + b, 0);
    const filed = e.confusion.reduce((a, r) => a + r[i]!, 0);
    const recall = labelled ? `${row[i]}/${labelled}` : "—";
    const precision = filed ? pct(row[i]! / filed) : "—";
    lines.push(
      `${`${short[i]} ${theme}`.padEnd(width)}${row.map((n) => String(n).padStart(5)).join("")}   ${recall.padStart(6)}  ${precision.padStart(9)}`,
    );
  });
  return lines.join("\n");
}
