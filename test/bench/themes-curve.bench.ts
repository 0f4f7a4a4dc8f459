/**
 * Accuracy of the themes, by measurement (`npm run bench -- themes-curve`): the variants that
 * chose the method, and the learning curve, on the labelled sets.
 *
 * Protocol (README, Themes): the unlabelled pool is every item of the set (what a newsletter
 * has stored); corrections are what an editor fixes reviewing the weeks in order, the misfiled
 * items first come first served, each week filed by a model relearned with the corrections so
 * far; accuracy counts only items never used as a correction.
 *
 *   webdev  the development set: every choice of method was tuned on it.
 *   sport   held-out in round 1; seen since (its figures were looked at while round 2 was
 *           tuned), so reported as seen.
 *   energy  the sealed held-out set of round 2, when present: run once the method was frozen.
 *   semiconductors  the shipped rich themes file on its labelled sets.
 */
import { existsSync, readFileSync } from "node:fs";
import shipped from "@tidings/templates/themes.json" with { type: "json" };
import {
  evaluateLearned,
  evaluateRules,
  learningCurve,
  parseLabelled,
  type LabelledItem,
} from "@tidings/core/theme/evaluate";
import { learnThemes, type LearnOptions } from "@tidings/core/theme/learn";
import { wordNeighbours } from "@tidings/core/theme/neighbours";
import { parseThemeConfig, type ThemeConfig } from "@tidings/core/theme/schema";

const path = (name: string) => new URL(`../fixtures/themes/${name}`, import.meta.url);
const read = (name: string) => JSON.parse(readFileSync(path(name), "utf8")) as unknown;
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

interface Domain {
  name: string;
  config: ThemeConfig;
  items: LabelledItem[];
  examples: ThemeConfig["examples"];
}

function domain(name: string): Domain | undefined {
  if (!existsSync(path(`${name}/themes.json`))) return undefined;
  const config = parseThemeConfig(read(`${name}/themes.json`));
  const examples = existsSync(path(`${name}/examples.json`))
    ? parseLabelled(read(`${name}/examples.json`)).map((i) => ({
        ...i,
        summary: i.summary ?? "",
        categories: [...(i.categories ?? [])],
      }))
    : [];
  return { name, config: { ...config, examples: [] }, items: parseLabelled(read(`${name}/items.json`)), examples };
}

/** Variants compared on the development set; the first learned row is the chosen method. */
const round1: Partial<LearnOptions> = { neighbourMass: 0, labelledWeight: 5 };
const variants: [string, Partial<LearnOptions>][] = [
  ["chosen: NB + EM, word neighbours (m 5, 10, ≥ 0.4), labelled × 3", {}],
  ["round 1's method (no neighbours, labelled × 5)", round1],
  ["– word neighbours (labelled × 3)", { neighbourMass: 0 }],
  ["neighbours lean less (m 2)", { neighbourMass: 2 }],
  ["neighbours lean more (m 10)", { neighbourMass: 10 }],
  ["5 neighbours per word", { neighbourCount: 5 }],
  ["20 neighbours per word", { neighbourCount: 20 }],
  ["neighbours ≥ 0.5 only", { neighbourMin: 0.5 }],
  ["labelled × 5 (round 1)", { labelledWeight: 5 }],
  ["labelled × 1", { labelledWeight: 1 }],
  ["labelled × 10", { labelledWeight: 10 }],
  ["– about words (keywords only seed)", { aboutWeight: 0 }],
  ["– source and categories", { sourceWeight: 0, categoryWeight: 0 }],
  ["+ bigrams", { bigrams: true }],
  ["Dirichlet smoothing (μ = 100), no neighbours", { smoothing: "dirichlet" }],
  ["fallback learns from unlabelled items", { fallback: "learn" }],
  ["no EM (NB from the keyword filing only)", { iterations: 0 }],
  ["EM 30 rounds", { iterations: 30 }],
  ["title weight 1", { titleWeight: 1 }],
];

function variantTable(d: Domain, status: string): void {
  const withExamples = { ...d.config, examples: d.examples };
  console.log(
    `\n### ${d.name} (${status}): variants (accuracy; learning from the ${d.items.length} items as the pool)\n`,
  );
  console.log("| variant | keywords only | + file's examples | after 30 corrections |");
  console.log("|---|---:|---:|---:|");
  console.log(`| keyword rules alone, no learning | ${pct(evaluateRules(d.config, d.items).accuracy)} | — | — |`);
  for (const [name, options] of variants) {
    const plain = evaluateLearned(d.config, d.items, options).accuracy;
    const examples = d.examples.length ? pct(evaluateLearned(withExamples, d.items, options).accuracy) : "—";
    const [after30] = learningCurve(d.config, d.items, [30], options);
    console.log(`| ${name} | ${pct(plain)} | ${examples} | ${pct(after30!.evaluation.accuracy)} |`);
  }
}

function curveRow(label: string, config: ThemeConfig, items: LabelledItem[], examples: ThemeConfig["examples"]): void {
  const rules = evaluateRules(config, items).accuracy;
  const learned = evaluateLearned(config, items).accuracy;
  const withExamples = examples.length ? pct(evaluateLearned({ ...config, examples }, items).accuracy) : "—";
  const curve = learningCurve(config, items, [10, 30, 100]);
  const cells = curve.map((p) => `${pct(p.evaluation.accuracy)}${p.made < p.asked ? ` (${p.made} made)` : ""}`);
  console.log(
    `| ${label} | ${items.length} | ${pct(rules)} | ${pct(learned)} | ${withExamples} | ${cells.join(" | ")} |`,
  );
}

export default async function bench(): Promise<void> {
  const webdev = domain("webdev")!;
  const sport = domain("sport");
  const energy = domain("energy");
  variantTable(webdev, "development");
  if (sport) variantTable(sport, "seen: tuned after viewing");
  console.log("\n### learning curve (accuracy on items never used as a correction)\n");
  console.log("| set | items | keywords, no learning | learned | + examples | 10 corrections | 30 | 100 |");
  console.log("|---|---:|---:|---:|---:|---:|---:|---:|");
  curveRow("webdev (development)", webdev.config, webdev.items, webdev.examples);
  if (sport) curveRow("sport (seen: tuned after viewing)", sport.config, sport.items, sport.examples);
  if (energy) curveRow("energy (held-out)", energy.config, energy.items, energy.examples);
  const semis = parseThemeConfig(shipped);
  const labelled = read("labelled.json") as Record<string, unknown>;
  const sets: [string, LabelledItem[]][] = [
    ["semiconductors held-out", parseLabelled(labelled.heldOut2)],
    ["semiconductors earlier held-out", parseLabelled(labelled.heldOut)],
    ["semiconductors development", parseLabelled(labelled.development)],
    ["semiconductors seed feed", parseLabelled(read("seed-labelled.json"))],
  ];
  // The semiconductor sets are one newsletter: the pool is all of them, accuracy per set.
  const pool = sets.flatMap(([, items]) => items);
  console.log("\n### semiconductors (the shipped rich file; pool: all 211 labelled items)\n");
  console.log("| set | items | keyword rules alone | learned |");
  console.log("|---|---:|---:|---:|");
  const learnedAll = evaluateLearned(semis, pool);
  for (const [name, items] of sets) {
    const learned = evaluateLearnedOn(semis, pool, items);
    console.log(`| ${name} | ${items.length} | ${pct(evaluateRules(semis, items).accuracy)} | ${pct(learned)} |`);
  }
  console.log(`| all | ${pool.length} | ${pct(evaluateRules(semis, pool).accuracy)} | ${pct(learnedAll.accuracy)} |`);
}

/** Learns from `pool` (labels hidden), measures on `part` of it. */
function evaluateLearnedOn(config: ThemeConfig, pool: LabelledItem[], part: LabelledItem[]): number {
  const model = learnThemes(config, { items: pool.map(({ theme: _, ...item }) => item), neighbours: wordNeighbours() });
  return part.filter((i) => model.classify(i) === i.theme).length / part.length;
}
