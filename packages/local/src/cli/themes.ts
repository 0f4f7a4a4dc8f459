/**
 * `npm run themes -- evaluate LABELLED.json [--themes FILE] [--examples FILE] [--curve]`: how
 * well a themes file files a labelled set (`[{ "title", "summary"?, "theme" }]`), so an editor
 * can check a new themes file before using it. The set's items are the unlabelled pool the
 * classifier learns from, as a newsletter's stored items are. No local stack needed.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { config } from "@tidings/core/config";
import { isTidingsError } from "@tidings/core/error";
import {
  evaluateLearned,
  evaluateRules,
  formatEvaluation,
  learningCurve,
  parseLabelled,
  type LabelledItem,
} from "@tidings/core/theme/evaluate";
import { readThemesFile, themeConfig } from "@tidings/core/theme/themes";

const usage = "usage: npm run themes -- evaluate LABELLED.json [--themes FILE] [--examples FILE] [--curve]";

function fail(message: string): never {
  process.stderr.write(`npm run themes: ${message}\n`);
  process.exit(1);
}

const asExample = (i: LabelledItem) => ({ ...i, summary: i.summary ?? "", categories: [...(i.categories ?? [])] });

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

try {
  const { values, positionals } = parseArgs({
    options: {
      themes: { type: "string" },
      examples: { type: "string" },
      curve: { type: "boolean", default: false },
    },
    allowPositionals: true,
  });
  const [command, file, ...rest] = positionals;
  if (command !== "evaluate" || !file || rest.length) fail(usage);
  const read = (path: string) => {
    try {
      return JSON.parse(readFileSync(path, "utf8")) as unknown;
    } catch (e) {
      fail(`${path}: ${(e as Error).message}`);
    }
  };
  const items = parseLabelled(read(file));
  let themes = values.themes ? readThemesFile(values.themes) : themeConfig();
  if (values.examples)
    themes = { ...themes, examples: [...themes.examples, ...parseLabelled(read(values.examples)).map(asExample)] };
  const source = values.themes ?? config().themesFile ?? "templates/themes.json";
  const examples = themes.examples.length ? `, ${themes.examples.length} examples` : "";
  process.stdout.write(`${file}: ${items.length} labelled items; themes from ${source}${examples}\n\n`);
  const rules = evaluateRules(themes, items);
  process.stdout.write(`keyword rules alone (no learning): ${pct(rules.accuracy)} (${rules.correct}/${rules.total})\n`);
  process.stdout.write(`learned from the set's ${items.length} items (labels hidden): `);
  process.stdout.write(formatEvaluation(evaluateLearned(themes, items)) + "\n");
  if (values.curve) {
    process.stdout.write("\nlearning curve (corrections: the misfiled items of the earliest weeks)\n");
    for (const point of learningCurve(themes, items, [0, 10, 30, 100]))
      process.stdout.write(
        `  ${String(point.made).padStart(3)} corrections: ${pct(point.evaluation.accuracy)} of ${point.evaluation.total} items never corrected\n`,
      );
  }
} catch (e) {
  fail(isTidingsError(e) ? e.message : `unexpected error: ${(e as Error).stack}`);
}
