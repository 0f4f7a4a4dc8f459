/**
 * The newsletter's themes file: `THEMES_FILE`, or the shipped `templates/themes.json`, checked
 * on first use. The shipped file is imported statically, so it is bundled into every Lambda
 * with the code; another file is read from disk (on AWS, infra copies it into the bundle).
 */
import { readFileSync } from "node:fs";
import shipped from "@tidings/templates/themes.json" with { type: "json" };
import { config } from "../config.ts";
import { TidingsError } from "../error.ts";
import { compileRules, type Themes } from "./classifier.ts";
import { parseThemeConfig, type ThemeConfig } from "./schema.ts";

/**
 * Reads and checks a themes file (JSON). Throws a TidingsError naming the file, and the bad
 * entry when the content is wrong.
 *
 * @example readThemesFile("newsletters/sport.json").themes.map((t) => t.name)
 */
export function readThemesFile(path: string): ThemeConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new TidingsError("invalid", "theme.file", `themes file ${path}: ${(e as Error).message}`, {
      cause: e,
      data: { path },
    });
  }
  try {
    return parseThemeConfig(raw);
  } catch (e) {
    if (e instanceof TidingsError)
      throw new TidingsError(e.kind, e.code, `${path}: ${e.message}`, { cause: e, data: e.data });
    throw e;
  }
}

let current: ThemeConfig | undefined;
let rules: Themes | undefined;

/** This newsletter's themes file, checked, read once. */
export function themeConfig(): ThemeConfig {
  if (current) return current;
  const file = config().themesFile;
  return (current = file ? readThemesFile(file) : parseThemeConfig(shipped));
}

/**
 * The themes' keyword rules (no learning): the theme list, and a classifier that needs no
 * stored items. The digest learns (digest/classifier.ts).
 *
 * @example themes().list.map((t) => t.name) // display order, "More news" last
 */
export function themes(): Themes {
  return (rules ??= compileRules(themeConfig()));
}
