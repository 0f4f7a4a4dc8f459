import { describe, expect, it } from "vitest";
import shipped from "@tidings/templates/themes.json" with { type: "json" };
import { compileThemes } from "@tidings/core/theme/classifier";
import { themes } from "@tidings/core/theme/themes";
import { isTidingsError } from "@tidings/core/error";

const valid = () => ({
  themes: [
    {
      name: "Chips",
      terms: { chip: 2 } as Record<string, unknown>,
      ignore: ["potato chip"] as unknown[],
      categories: ["Semis"],
    },
    {
      name: "Memory",
      terms: { memory: 3, dram: 3 } as Record<string, unknown>,
      ignore: [] as unknown[],
      categories: [] as string[],
    },
  ] as Record<string, unknown>[],
  fallback: { name: "More news" } as Record<string, unknown>,
});

/** The message compileThemes throws for the configuration after `edit`. */
function errorFor(edit: (c: ReturnType<typeof valid>) => void): string {
  const config = valid();
  edit(config);
  try {
    compileThemes(config);
  } catch (e) {
    if (!isTidingsError(e)) throw e;
    expect(e.kind).toBe("invalid");
    expect(e.code).toBe("theme.config");
    return e.message;
  }
  throw new Error("the configuration was accepted");
}

describe("theme configuration is checked at load, with the bad entry named", () => {
  it("accepts a valid configuration and fills in the scoring defaults", () => {
    const compiled = compileThemes(valid());
    expect(compiled.list.map((t) => t.name)).toEqual(["Chips", "Memory", "More news"]);
    expect(compiled.classify({ title: "Chip sales", summary: "", categories: [] })).toBe("Chips");
  });

  it.each([
    [
      "a misspelt key",
      (c: ReturnType<typeof valid>) => (c.themes[1]!.term = {}),
      'theme "Memory": Unrecognized key: "term"',
    ],
    [
      "a zero weight",
      (c: ReturnType<typeof valid>) => (c.themes[1]!.terms = { dram: 0 }),
      'theme "Memory" → terms → "dram": weight must be greater than 0',
    ],
    [
      "a weight that is text",
      (c: ReturnType<typeof valid>) => (c.themes[1]!.terms = { dram: "3" }),
      'theme "Memory" → terms → "dram": Invalid input: expected number',
    ],
    [
      "a * inside a term",
      (c: ReturnType<typeof valid>) => (c.themes[1]!.terms = { "h*m": 1 }),
      'theme "Memory" → terms → "h*m": a "*" may only end a term',
    ],
    [
      "an empty ignore phrase",
      (c: ReturnType<typeof valid>) => (c.themes[0]!.ignore = [" "]),
      'theme "Chips" → ignore → " ": must not be empty',
    ],
    [
      "a theme without a name",
      (c: ReturnType<typeof valid>) => delete c.themes[1]!.name,
      "themes[1] → name: Invalid input",
    ],
    ["no themes", (c: ReturnType<typeof valid>) => (c.themes = []), "themes: needs at least one theme"],
    [
      "two themes with one name",
      (c: ReturnType<typeof valid>) => (c.themes[1]!.name = "CHIPS"),
      'theme "CHIPS": the name is already used by theme "Chips"',
    ],
    [
      "the fallback named like a theme",
      (c: ReturnType<typeof valid>) => (c.fallback.name = "Memory"),
      'theme "Memory": the name is already used',
    ],
    [
      "a term with nothing to match",
      (c: ReturnType<typeof valid>) => (c.themes[1]!.terms = { memory: 1, "!!!": 1 }),
      'theme "Memory" → terms → "!!!": has no letters or digits to match',
    ],
    [
      "one term written twice",
      (c: ReturnType<typeof valid>) => (c.themes[1]!.terms = { "Memory-Chip": 1, "memory chip": 2 }),
      'theme "Memory" → terms → "memory chip": is the same as "Memory-Chip"',
    ],
    [
      "a category mapped to two themes",
      (c: ReturnType<typeof valid>) => (c.themes[1]!.categories = ["semis"]),
      'theme "Memory" → categories → "semis": is already mapped to theme "Chips"',
    ],
    [
      "an ignore phrase that cancels nothing",
      (c: ReturnType<typeof valid>) => (c.themes[1]!.ignore = ["potato chip"]),
      'theme "Memory" → ignore → "potato chip": contains none of the theme\'s terms',
    ],
    [
      "a theme nothing can land in",
      (c: ReturnType<typeof valid>) => ((c.themes[1]!.terms = {}), (c.themes[1]!.categories = [])),
      'theme "Memory": has no keywords, terms or categories',
    ],
  ])("rejects %s", (_, edit, message) => {
    expect(errorFor(edit)).toContain(`theme configuration: ${message}`);
  });
});

describe("the shipped themes file (templates/themes.json)", () => {
  it("is valid and lists the semiconductor newsletter's themes in display order", () => {
    expect(() => compileThemes(shipped)).not.toThrow();
    expect(themes().list.map((t) => t.name)).toEqual([
      "AI chips & computing",
      "Memory & storage",
      "Foundries & manufacturing",
      "Policy & trade",
      "Devices & autos",
      "Markets & investment",
      "More news",
    ]);
    expect(themes().fallback).toBe("More news");
  });

  it("is compiled once", () => {
    expect(themes()).toBe(themes());
  });
});
