/**
 * The shape of a themes file (`THEMES_FILE`, default `templates/themes.json`), checked when it is
 * loaded so that a mistake in an edit is reported with the entry it is in, not as a wrong digest
 * later. The minimal file is DESIGN.md's: `{ fallback: "More news", themes: [{ name, about,
 * keywords }], examples? }`; `terms` (weighted), `ignore`, `categories` and `scoring` are the
 * richer, optional fields the shipped semiconductor file uses.
 */
import { z } from "zod";
import { TidingsError } from "../error.ts";
import { words } from "./words.ts";

const text = z.string().trim().min(1, "must not be empty");
const weight = z.number().gt(0, "weight must be greater than 0").max(100, "weight must be at most 100");
const term = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .regex(/^[^*]+\*?$/, 'a "*" may only end a term');

const Theme = z.strictObject({
  /** Section heading in the email and on the web, exactly as written. */
  name: text.max(60, "must be at most 60 characters"),
  /** One line saying what belongs here (shown to readers where the layout has room). */
  about: z.string().trim().default(""),
  /** Words or phrases that say "this theme", each worth `scoring.keywordWeight`. */
  keywords: z.array(term).default([]),
  /** Word or phrase → weight, for files that weigh their words. */
  terms: z.record(term, weight).default({}),
  /** Phrases whose words must not count for this theme ("in recent memory"). */
  ignore: z.array(term).default([]),
  /** Feeds' own categories that file an item here ("Tech war"). */
  categories: z.array(text).default([]),
});

/** A labelled item: the file's `examples`, and an editor's corrections. */
export const Example = z.strictObject({
  title: text,
  summary: z.string().default(""),
  categories: z.array(z.string()).default([]),
  source: z.string().optional(),
  theme: text,
});

export const ThemeConfigSchema = z.strictObject({
  scoring: z
    .strictObject({
      /** A term in the title counts this many times its weight; in the summary, once. */
      titleWeight: z.number().min(1).max(20).default(3),
      /** Score a matching feed category adds to its theme. */
      categoryWeight: z.number().min(0).max(100).default(4),
      /** Below this best score an item goes to the fallback theme. */
      minScore: z.number().min(0).default(2),
      /** Weight of each of a theme's `keywords` (2: one keyword anywhere reaches minScore). */
      keywordWeight: z.number().gt(0).max(100).default(2),
    })
    .default({ titleWeight: 3, categoryWeight: 4, minScore: 2, keywordWeight: 2 }),
  themes: z.array(Theme).min(1, "needs at least one theme"),
  /** Shown last; gets every item no theme claims. A name, or a theme with terms of its own. */
  fallback: z.preprocess((v) => (typeof v === "string" ? { name: v } : v), Theme),
  /** Labelled items the classifier learns from as if an editor had filed them. */
  examples: z.array(Example).default([]),
});

/** What a user writes in a themes file (defaults may be left out). */
export type ThemeConfigInput = z.input<typeof ThemeConfigSchema>;
/** The checked configuration, defaults filled in. */
export type ThemeConfig = z.output<typeof ThemeConfigSchema>;
/** One theme of a checked configuration. */
export type ThemeSpec = ThemeConfig["themes"][number];
/** A labelled item, checked. */
export type Example = z.output<typeof Example>;

/** The error for a bad configuration: says where, then what. */
export function configError(where: string, problem: string): TidingsError {
  return new TidingsError("invalid", "theme.config", `theme configuration: ${where}: ${problem}`, { data: { where } });
}

/**
 * `["themes", 1, "ignore", 3]` → `theme "Memory & storage" → ignore → "memory lane"`: themes by
 * name, list entries by their text, so the user can search the file for them.
 */
function describePath(path: readonly PropertyKey[], raw: unknown): string {
  if (path.length === 0) return "the configuration";
  const parts: string[] = [];
  let node: unknown = raw;
  for (const [i, key] of path.entries()) {
    node = node !== null && typeof node === "object" ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    const name = (node as { name?: unknown } | undefined)?.name;
    const title = (node as { title?: unknown } | undefined)?.title;
    if (path[i - 1] === "themes" && typeof key === "number") {
      parts.pop();
      parts.push(typeof name === "string" && name.trim() ? `theme "${name}"` : `themes[${key}]`);
    } else if (path[i - 1] === "examples" && typeof key === "number") {
      parts.pop();
      parts.push(typeof title === "string" && title.trim() ? `example "${title}"` : `examples[${key}]`);
    } else if (path[i - 1] === "terms" || (typeof key === "number" && typeof node === "string")) {
      parts.push(JSON.stringify(typeof key === "number" ? node : String(key)));
    } else parts.push(typeof key === "number" ? `[${key}]` : String(key));
  }
  return parts.join(" → ");
}

const key = (phrase: string) => words(phrase).join(" ") + (phrase.trimEnd().endsWith("*") ? "*" : "");

/** Checks a configuration and fills in defaults; throws a TidingsError naming the bad entry. */
export function parseThemeConfig(raw: unknown): ThemeConfig {
  const result = ThemeConfigSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    // A bad record key ("h*m") carries the key's own problem one level down.
    const inner = issue.code === "invalid_key" ? issue.issues[0]?.message : undefined;
    throw configError(describePath(issue.path, raw), inner ?? issue.message);
  }
  const config = result.data;
  const names = new Map<string, string>();
  for (const { name } of [...config.themes, config.fallback]) {
    const other = names.get(name.toLowerCase());
    if (other !== undefined)
      throw configError(`theme "${name}"`, `the name is already used by theme "${other}" (case does not count)`);
    names.set(name.toLowerCase(), name);
  }
  const categoryOwner = new Map<string, string>();
  for (const theme of [...config.themes, config.fallback]) {
    const where = `theme "${theme.name}"`;
    const terms = Object.keys(theme.terms);
    if (theme !== config.fallback && terms.length + theme.keywords.length + theme.categories.length === 0)
      throw configError(where, "has no keywords, terms or categories, so nothing can ever land in it");
    const seen = new Map<string, string>();
    for (const [list, phrases] of [
      ["keywords", theme.keywords],
      ["terms", terms],
      ["ignore", theme.ignore],
    ] as const) {
      for (const phrase of phrases) {
        const k = key(phrase);
        if (k === "" || k === "*")
          throw configError(`${where} → ${list} → "${phrase}"`, "has no letters or digits to match");
        const other = seen.get(k);
        if (other)
          throw configError(
            `${where} → ${list} → "${phrase}"`,
            `is the same as "${other}" (case, hyphens and apostrophes do not count)`,
          );
        seen.set(k, phrase);
      }
    }
    for (const category of theme.categories) {
      const k = key(category);
      const owner = categoryOwner.get(k);
      if (owner) throw configError(`${where} → categories → "${category}"`, `is already mapped to theme "${owner}"`);
      categoryOwner.set(k, theme.name);
    }
  }
  config.examples.forEach((example) => {
    if (!names.has(example.theme.toLowerCase()))
      throw configError(
        `example "${example.title}" → theme`,
        `"${example.theme}" is not one of the themes (${[...names.values()].join(", ")})`,
      );
    // Filed under the name as the themes list writes it.
    example.theme = names.get(example.theme.toLowerCase())!;
  });
  return config;
}
