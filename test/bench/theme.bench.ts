/**
 * Cost of filing one item under a theme with the shipped configuration, against the obvious
 * alternative: one case-insensitive RegExp per term (compiled once, like ours), tested against
 * title and summary. The baseline does less work (no ignore phrases, no longest-match rule), so
 * it flatters itself. Items: every hand-labelled story and the seed feed (211).
 */
import { readFileSync } from "node:fs";
import config from "../../templates/themes.ts";
import { compileThemes, type ThemeItem } from "../../packages/core/src/theme/classifier.ts";

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/themes/${name}`, import.meta.url), "utf8"));
const labelled = fixture("labelled.json");
const items: ThemeItem[] = [
  ...labelled.heldOut,
  ...labelled.heldOut2,
  ...labelled.development,
  ...fixture("seed-labelled.json").items,
];

function regexClassifier(): (item: ThemeItem) => string {
  const all = [...config.themes, config.fallback];
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const patterns = all.map((theme) =>
    Object.entries(theme.terms ?? {}).map(([term, weight]) => {
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

/** Median microseconds per item over `runs` passes through every item. */
function measure(classify: (item: ThemeItem) => string, runs = 15, passes = 20): number {
  const times: number[] = [];
  let sink = 0;
  for (let r = 0; r < runs; r++) {
    const start = process.hrtime.bigint();
    for (let p = 0; p < passes; p++) for (const item of items) sink += classify(item).length;
    times.push(Number(process.hrtime.bigint() - start) / 1000 / (passes * items.length));
  }
  if (sink === 0) throw new Error("nothing classified");
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
}

export default async function bench(): Promise<void> {
  const startCompile = process.hrtime.bigint();
  const themes = compileThemes(config);
  const compileMs = Number(process.hrtime.bigint() - startCompile) / 1e6;
  const regex = regexClassifier();
  measure(themes.classify, 3, 5); // warm-up
  measure(regex, 3, 5);
  const ours = measure(themes.classify);
  const peer = measure(regex);
  console.log(`compile the configuration once: ${compileMs.toFixed(1)} ms (${items.length} items per pass)\n`);
  console.log("| classifier | µs per item (median) | ratio |");
  console.log("|---|---:|---:|");
  console.log(`| Tidings (word index, ignore + longest match) | ${ours.toFixed(1)} | 1.00 |`);
  console.log(`| one RegExp per term, compiled once | ${peer.toFixed(1)} | ${(peer / ours).toFixed(2)} |`);
}
