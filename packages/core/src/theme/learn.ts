/**
 * Themes that learn: keyword-seeded multinomial naive Bayes refined by EM over the newsletter's
 * own items (McCallum & Nigam, "Text classification by bootstrapping with keywords, EM and
 * shrinkage", 1999), with the file's examples and the editor's corrections as fixed labels.
 *
 * 1. Start: the keyword rules (classifier.ts) file every item they can; the words of each
 *    theme's name and `about` line count as weak keywords (`aboutWeight`) where the theme has
 *    no weighted terms. Items no rule
 *    touches start unfiled, or in the fallback when the file gave the fallback words of its own.
 * 2. M-step: each theme's word distribution from the items filed under it (in proportion to how
 *    sure the filing is), its keywords as pseudo-counts, and the examples and corrections,
 *    each worth `labelledWeight` items. A theme's distribution is mixed with the distribution
 *    of all items (Jelinek–Mercer, `lambda`), so that a word the theme has not seen costs the
 *    same small amount in every theme, however many items the theme has — without it, EM lets
 *    the biggest theme swallow the rest.
 * 3. E-step: file every item again with the new model; repeat `iterations` times.
 *
 * Words that mean nearly the same (theme/neighbours.ts, from GloVe word vectors) share what they
 * say: in the M-step a word's ratio p(word | theme) / p(word) is mixed with its near neighbours'
 * among the items' words, the more the rarer the word (`neighbourMass`), so that "hamstring",
 * seen once, counts for the theme that "injury" and "knee" count for.
 *
 * Deterministic: features get ids in the order items are given, every loop runs in that order,
 * nothing is random. See the README's Themes section for the measurements behind the defaults.
 */
import { compileRules } from "./classifier.ts";
import { itemFeatures, itemKey, type FeatureOptions, type LearnItem } from "./features.ts";
import { themeModel, type LearnedExplanation, type ThemeModel } from "./model.ts";
import type { WordNeighbours } from "./neighbours.ts";
import type { ThemeConfig } from "./schema.ts";
import { meaningfulWords, stem, stemmedWords } from "./text.ts";

export type { LearnItem } from "./features.ts";
export type { LearnedExplanation, WordWeight } from "./model.ts";

/** An item filed by hand: a file's example, or an editor's correction. */
export interface Correction extends LearnItem {
  theme: string;
}

export interface LearnOptions extends FeatureOptions {
  /** How a theme's word distribution is smoothed: mixed with all items' (`jm`) or Dirichlet. */
  smoothing: "jm" | "dirichlet";
  /** jm: share of the theme's own distribution; the rest is all items'. */
  lambda: number;
  /** dirichlet: pseudo-count of all items' distribution added to each theme. */
  mu: number;
  /**
   * Weight of a theme's name and about-line words in the starting filing (0: keywords only);
   * only for themes without weighted `terms`.
   */
  aboutWeight: number;
  /** Pseudo-count of each keyword in its theme's word distribution. */
  keywordSeed: number;
  /** EM rounds (0: learn once from the keyword filing). */
  iterations: number;
  /** An example or a correction counts as this many items. */
  labelledWeight: number;
  /**
   * How much a word leans on its neighbours: a word seen n times takes the share
   * neighbourMass / (neighbourMass + n) of its weight from them (0: words stand alone).
   */
  neighbourMass: number;
  /** At most this many neighbours per word, the nearest among the items' words. */
  neighbourCount: number;
  /** Only neighbours at least this similar (cosine of the word vectors). */
  neighbourMin: number;
  /**
   * Whether the fallback learns from unlabelled items. `auto`: only when the file gives the
   * fallback words of its own; otherwise it stands for "nothing in particular" (every word
   * weighs 0) and learns only from examples and corrections.
   */
  fallback: "auto" | "learn" | "background";
}

export const learnDefaults: LearnOptions = {
  titleWeight: 2,
  bigrams: false,
  categoryWeight: 1,
  sourceWeight: 1,
  smoothing: "jm",
  lambda: 0.1,
  mu: 100,
  aboutWeight: 0.5,
  keywordSeed: 5,
  iterations: 10,
  labelledWeight: 3,
  neighbourMass: 5,
  neighbourCount: 10,
  neighbourMin: 0.4,
  fallback: "auto",
};

export interface LearnedThemes extends ThemeModel {
  /** Every theme in display order, the fallback last. */
  list: { name: string; about: string }[];
  fallback: string;
}

/** An item as the learner holds it: feature ids and counts. */
interface Doc {
  ids: Int32Array;
  counts: Float64Array;
}

/**
 * Learns a model of the themes from the newsletter's items and files items with it.
 *
 * @param items every stored item (or a recent window): the unlabelled pool EM learns from
 * @param corrections items an editor filed by hand (moved in a draft): fixed labels, on top of
 *   the file's examples; a correction naming a theme the file no longer has is left out
 * @param neighbours words that mean nearly the same (`wordNeighbours()`); without them each
 *   word stands alone
 * @example learnThemes(config, { items, corrections }).explain(item) // { theme, words: [{ word: "svelte", weight: 4.1 }, …] }
 */
export function learnThemes(
  config: ThemeConfig,
  input: { items: readonly LearnItem[]; corrections?: readonly Correction[]; neighbours?: WordNeighbours },
  options: Partial<LearnOptions> = {},
): LearnedThemes {
  const o: LearnOptions = { ...learnDefaults, ...options };
  const specs = [...config.themes, config.fallback];
  const names = specs.map((t) => t.name);
  const K = names.length;
  const fallback = K - 1;
  const rules = compileRules(config);

  const labelled = [...config.examples, ...(input.corrections ?? [])]
    .map((item) => ({ item, theme: names.indexOf(item.theme) }))
    .filter((l) => l.theme >= 0);
  const labels = new Map(labelled.map((l) => [itemKey(l.item), names[l.theme]!]));
  // A corrected item is learned from once, as labelled, not also as unlabelled.
  const pool = input.items.filter((item) => !labels.has(itemKey(item)));

  const vocab = new Map<string, number>();
  /** A readable name per feature id: the first word seen with that stem. */
  const shown: string[] = [];
  const id = (feature: string, label = feature) => {
    let k = vocab.get(feature);
    if (k === undefined) vocab.set(feature, (k = shown.push(label) - 1));
    return k;
  };
  const toDoc = (item: LearnItem): Doc => {
    const features = itemFeatures(item, o);
    const doc = { ids: new Int32Array(features.size), counts: new Float64Array(features.size) };
    let j = 0;
    for (const [feature, { count, label }] of features) {
      doc.ids[j] = id(feature, label);
      doc.counts[j++] = count;
    }
    return doc;
  };
  const docs = pool.map(toDoc);
  const fixed = labelled.map((l) => ({ doc: toDoc(l.item), theme: l.theme }));

  // Keywords as pseudo-counts; a phrase's words share its count.
  const seeds = specs.map((spec) => {
    const seed = new Map<number, number>();
    for (const phrase of [...spec.keywords, ...Object.keys(spec.terms)]) {
      const words = meaningfulWords(phrase.replace(/\*$/, ""));
      for (const word of words) {
        const w = id(stem(word), word);
        seed.set(w, (seed.get(w) ?? 0) + o.keywordSeed / words.length);
      }
    }
    return seed;
  });
  const V = vocab.size;

  // All items' distribution, add-half smoothed: what a word's weight is measured against.
  const background = new Float64Array(V).fill(0.5);
  let total = 0.5 * V;
  for (const doc of [...docs, ...fixed.map((f) => f.doc)])
    for (let j = 0; j < doc.ids.length; j++) {
      background[doc.ids[j]!]! += doc.counts[j]!;
      total += doc.counts[j]!;
    }
  for (let w = 0; w < V; w++) background[w]! /= total;

  const near = nearWords(input.neighbours, vocab, o);
  /** How much of a word's ratio comes from its neighbours: m / (m + its count in all items). */
  const lean = new Float64Array(V);
  if (near) for (let w = 0; w < V; w++) lean[w] = o.neighbourMass / (o.neighbourMass + background[w]! * total - 0.5);

  const fallbackLearns =
    o.fallback === "learn" ||
    (o.fallback === "auto" && config.fallback.keywords.length + Object.keys(config.fallback.terms).length > 0);

  const counts = names.map(() => new Float64Array(V));
  const totals = new Float64Array(K);
  const mass = new Float64Array(K);
  const weights = names.map(() => new Float64Array(V));
  const logPrior = new Float64Array(K);
  /** Per theme, p(word | theme) / p(word): what a word says about the theme, before smoothing. */
  const ratios = names.map(() => new Float64Array(V));

  /** Word distributions and priors from the current filing of the pool (`filed[i][c]`). */
  function mStep(filed: Float64Array[]): void {
    for (let c = 0; c < K; c++) {
      counts[c]!.fill(0);
      totals[c] = 0;
      mass[c] = 0;
      for (const [w, n] of seeds[c]!) {
        counts[c]![w]! += n;
        totals[c]! += n;
      }
    }
    const add = (doc: Doc, c: number, share: number) => {
      mass[c]! += share;
      for (let j = 0; j < doc.ids.length; j++) {
        counts[c]![doc.ids[j]!]! += share * doc.counts[j]!;
        totals[c]! += share * doc.counts[j]!;
      }
    };
    docs.forEach((doc, i) => {
      for (let c = 0; c < K; c++)
        if (filed[i]![c]! > 1e-6 && (c !== fallback || fallbackLearns)) add(doc, c, filed[i]![c]!);
    });
    for (const { doc, theme } of fixed) add(doc, theme, o.labelledWeight);
    let all = 0;
    for (let c = 0; c < K; c++) all += mass[c]! + 1;
    for (let c = 0; c < K; c++) {
      logPrior[c] = Math.log((mass[c]! + 1) / all);
      const count = counts[c]!;
      const weight = weights[c]!;
      if (c === fallback && totals[c] === 0) weight.fill(0);
      else if (o.smoothing === "jm") {
        const ratio = ratios[c]!;
        for (let w = 0; w < V; w++) ratio[w] = count[w]! / totals[c]! / background[w]!;
        for (let w = 0; w < V; w++) weight[w] = Math.log(1 - o.lambda + o.lambda * smoothed(ratio, w));
      } else
        for (let w = 0; w < V; w++)
          weight[w] = Math.log((count[w]! + o.mu * background[w]!) / (totals[c]! + o.mu) / background[w]!);
    }
    // "Nothing in particular" competes as an equal of the likeliest theme.
    if (!fallbackLearns) logPrior[fallback] = Math.max(...logPrior.subarray(0, fallback));
  }

  /** A word's ratio mixed with its neighbours' (weighted by similarity), by `lean`. */
  function smoothed(ratio: Float64Array, w: number): number {
    const list = near?.[w];
    if (!list || list.ids.length === 0) return ratio[w]!;
    let sum = 0;
    let weight = 0;
    for (let j = 0; j < list.ids.length; j++) {
      sum += list.similarity[j]! * ratio[list.ids[j]!]!;
      weight += list.similarity[j]!;
    }
    return (1 - lean[w]!) * ratio[w]! + (lean[w]! * sum) / weight;
  }

  /** The neighbours that lent a word most of its weight for a theme, strongest first. */
  function lenders(c: number, w: number): string[] {
    const list = near?.[w];
    const ratio = ratios[c]!;
    if (!list || list.ids.length === 0 || o.smoothing !== "jm") return [];
    const own = (1 - lean[w]!) * ratio[w]!;
    if (own >= smoothed(ratio, w) / 2) return [];
    return [...list.ids]
      .map((u, j) => ({ u, lent: list.similarity[j]! * ratio[u]! }))
      .filter((x) => x.lent > 0)
      .sort((a, b) => b.lent - a.lent || a.u - b.u)
      .slice(0, 3)
      .map((x) => shown[x.u]!);
  }

  /** Files every item of the pool with the current model: P(theme | item). */
  function eStep(): Float64Array[] {
    return docs.map((doc) => {
      const p = Float64Array.from(logPrior);
      for (let c = 0; c < K; c++) {
        const weight = weights[c]!;
        for (let j = 0; j < doc.ids.length; j++) p[c]! += doc.counts[j]! * weight[doc.ids[j]!]!;
      }
      const max = Math.max(...p);
      let sum = 0;
      for (let c = 0; c < K; c++) sum += p[c] = Math.exp(p[c]! - max);
      for (let c = 0; c < K; c++) p[c]! /= sum;
      return p;
    });
  }

  // The about line stands in for the words an editor did not write: only for a theme without
  // weighted terms (measured: it helps the minimal webdev file, and costs the shipped rich file).
  const about = specs.map(
    (spec) => new Set(Object.keys(spec.terms).length ? [] : stemmedWords(`${spec.name} ${spec.about}`)),
  );
  /** The starting filing: the keyword rules, plus the name and about words as weak keywords. */
  function start(item: LearnItem): Float64Array {
    const score = rules.scores({ title: item.title, summary: item.summary ?? "", categories: item.categories ?? [] });
    if (o.aboutWeight > 0) {
      const title = new Set(stemmedWords(item.title));
      const summary = new Set(stemmedWords(item.summary ?? ""));
      for (let c = 0; c < K; c++)
        for (const s of about[c]!)
          score[c]! += o.aboutWeight * ((title.has(s) ? config.scoring.titleWeight : 0) + (summary.has(s) ? 1 : 0));
    }
    const filed = new Float64Array(K);
    let best = -1;
    for (let c = 0; c < K; c++) if (score[c]! > 0 && (best < 0 || score[c]! > score[best]!)) best = c;
    if (best >= 0) filed[best] = 1;
    else if (fallbackLearns) filed[fallback] = 1;
    return filed;
  }

  mStep(pool.map(start));
  for (let round = 0; round < o.iterations; round++) mStep(eStep());

  const model = themeModel({ names, logPrior, weights, vocab, features: o, labels, lenders });
  return {
    ...model,
    list: specs.map(({ name, about }) => ({ name, about })),
    fallback: names[fallback]!,
  };
}

/**
 * Each word's nearest neighbours among the items' words and the keywords (ids into `vocab`),
 * nearest first: sources and categories have none, nor has a word the neighbour list lacks.
 */
function nearWords(
  neighbours: WordNeighbours | undefined,
  vocab: ReadonlyMap<string, number>,
  o: LearnOptions,
): { ids: Int32Array; similarity: Float64Array }[] | undefined {
  if (!neighbours || o.neighbourMass <= 0) return undefined;
  const out: { ids: Int32Array; similarity: Float64Array }[] = [];
  for (const [feature, w] of vocab) {
    const list = neighbours
      .of(feature)
      .filter((n) => n.similarity >= o.neighbourMin && vocab.has(n.stem))
      .slice(0, o.neighbourCount);
    out[w] = {
      ids: Int32Array.from(list, (n) => vocab.get(n.stem)!),
      similarity: Float64Array.from(list, (n) => n.similarity),
    };
  }
  return out;
}
