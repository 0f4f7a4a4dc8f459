/**
 * Cost of the themes: filing items and relearning, against the keyword rules alone (the
 * classifier without learning, measured in the same run) and the obvious alternative to those
 * rules, one case-insensitive RegExp per term. The weekly Lambda relearns once per build and
 * then files the week's items: the issue asks for filing 1,000 items under 100 ms and
 * relearning from 10,000 items under 2 s.
 *
 * Items: every hand-labelled semiconductor story, the seed feed and the web-development set
 * (590 distinct items), repeated to 10,000 with a different source per copy (so the vocabulary
 * grows a little, as a real history's does).
 */
import { readFileSync } from "node:fs";
import shipped from "@tidings/templates/themes.json" with { type: "json" };
import { compileRules, type ThemeItem } from "@tidings/core/theme/classifier";
import { learnThemes, type LearnItem } from "@tidings/core/theme/learn";
import { decodeNeighbours, wordNeighbours } from "@tidings/core/theme/neighbours";
import { parseThemeConfig } from "@tidings/core/theme/schema";

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/themes/${name}`, import.meta.url), "utf8"));
const labelled = fixture("labelled.json");
const distinct: (ThemeItem & LearnItem)[] = [
  ...labelled.heldOut,
  ...labelled.heldOut2,
  ...labelled.development,
  ...fixture("seed-labelled.json").items,
  ...fixture("webdev/items.json"),
  ...fixture("webdev/examples.json"),
].map((i) => ({ title: i.title, summary: i.summary ?? "", categories: i.categories ?? [], source: i.source }));
const history = Array.from({ length: 10_000 }, (_, n) => {
  const item = distinct[n % distinct.length]!;
  return { ...item, source: `${item.source ?? "Feed"} ${Math.floor(n / distinct.length)}` };
});
const week = history.slice(0, 1_000);
const config = parseThemeConfig(shipped);

function regexClassifier(): (item: ThemeItem) => string {
  const all = [...config.themes, config.fallback];
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const patterns = all.map((theme) =>
    Object.entries(theme.terms).map(([term, weight]) => {
      const body = term
        .replace(/\*$/, "")
        .split(/[\s-]+/)
        .map(escape)
        .join("[\\s-]+");
      const tail = term.endsWith("*") ? "[\\p{L}\\p{N}]*" : "(?:s|es)?";
      return { weight, re: new RegExp(`(?<![\\p{L}\\p{N}])${body}${tail}(?![\\p{L}\\p{N}])`, "iu") };
    }),
  );
  return (item) => {
    let best = all.length - 1;
    let bestScore = 0;
    patterns.forEach((terms, i) => {
      let score = 0;
      for (const { weight, re } of terms)
        score += (re.test(item.title) ? 3 * weight : 0) + (re.test(item.summary) ? weight : 0);
      if (score > bestScore) [best, bestScore] = [i, score];
    });
    return all[best]!.name;
  };
}

/** Median milliseconds of `run` over `runs` runs (after one warm-up). */
function median(run: () => unknown, runs: number): number {
  run();
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = process.hrtime.bigint();
    run();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

export default async function bench(): Promise<void> {
  const rules = compileRules(config);
  const regex = regexClassifier();
  const neighbours = wordNeighbours();
  const learned = learnThemes(config, { items: history, neighbours });
  const fileAll = (classify: (item: ThemeItem) => string) => () => week.forEach((item) => classify(item));
  const filing = {
    learned: median(fileAll(learned.classify), 15),
    rules: median(fileAll(rules.classify), 15),
    regex: median(fileAll(regex), 15),
  };
  const learn = {
    10_000: median(() => learnThemes(config, { items: history, neighbours }), 5),
    alone: median(() => learnThemes(config, { items: history }), 5),
    1_000: median(() => learnThemes(config, { items: week, neighbours }), 5),
  };
  const file = readFileSync(new URL("../../packages/core/data/word-neighbours.bin", import.meta.url));
  const load = median(
    () => decodeNeighbours(readFileSync(new URL("../../packages/core/data/word-neighbours.bin", import.meta.url))),
    5,
  );
  const explain = median(() => week.slice(0, 100).forEach((item) => learned.explain(item)), 15) * 10;
  console.log(`${distinct.length} distinct items, repeated to ${history.length}; the shipped themes file\n`);
  console.log("| filing 1,000 items | ms (median) | ratio to keyword rules |");
  console.log("|---|---:|---:|");
  console.log(
    `| learned classifier (naive Bayes, after EM) | ${filing.learned.toFixed(1)} | ${(filing.learned / filing.rules).toFixed(2)} |`,
  );
  console.log(`| keyword rules alone (no learning) | ${filing.rules.toFixed(1)} | 1.00 |`);
  console.log(
    `| one RegExp per term, compiled once | ${filing.regex.toFixed(1)} | ${(filing.regex / filing.rules).toFixed(2)} |`,
  );
  console.log(`| learned classifier, explain() | ${explain.toFixed(1)} | ${(explain / filing.rules).toFixed(2)} |`);
  console.log("\n| learning (EM, 10 rounds) | ms (median) | budget |");
  console.log("|---|---:|---:|");
  console.log(`| from 10,000 items, with word neighbours | ${learn[10_000].toFixed(0)} | 2000 |`);
  console.log(`| from 10,000 items, words alone (round 1's method) | ${learn.alone.toFixed(0)} | — |`);
  console.log(`| from 1,000 items, with word neighbours | ${learn[1_000].toFixed(0)} | — |`);
  console.log(
    `| reading the word neighbours (${(file.length / 1e6).toFixed(1)} MB, once per process) | ${load.toFixed(0)} | — |`,
  );
}
