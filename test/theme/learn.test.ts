import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import shipped from "@tidings/templates/themes.json" with { type: "json" };
import { isTidingsError } from "@tidings/core/error";
import { evaluateLearned, parseLabelled } from "@tidings/core/theme/evaluate";
import { learnThemes, type LearnItem } from "@tidings/core/theme/learn";
import { parseThemeConfig } from "@tidings/core/theme/schema";
import { readThemesFile } from "@tidings/core/theme/themes";

/** DESIGN.md's minimal file: names, one about line, a few keywords, the fallback as a name. */
const minimal = parseThemeConfig({
  fallback: "More news",
  themes: [
    { name: "Football", about: "Clubs, leagues, transfers and matches", keywords: ["football", "goal", "striker"] },
    { name: "Tennis", about: "Tournaments, players and rankings", keywords: ["tennis", "wimbledon", "serve"] },
  ],
});

const item = (title: string, summary = "", source?: string): LearnItem => ({ title, summary, source, categories: [] });
const pool: LearnItem[] = [
  item("Striker scores twice as United win", "A late goal settles the derby at Old Trafford."),
  item("Football: City sign midfielder", "The club paid a record fee for the midfielder from Lisbon."),
  item("United midfielder injured before derby", "The club says the midfielder will miss six weeks."),
  item("Wimbledon seeds announced", "The top tennis players learn their draw for the grass-court slam."),
  item("Tennis star withdraws with a shoulder injury", "She will miss the clay season and Roland Garros."),
  item("Clay season opens in Monte Carlo", "Players arrive for the first big clay tournament."),
  item("Quidditch league expands", "Broomstick teams from two new towns join the league."),
  item("Quidditch final draws record crowd", "The broomstick match sold out in an hour."),
];

describe("learned themes", () => {
  it("work from the minimal file format and file what the keywords never name", () => {
    const learned = learnThemes(minimal, { items: pool });
    expect(learned.list.map((t) => t.name)).toEqual(["Football", "Tennis", "More news"]);
    // No keyword: "midfielder" and "club" were learned from the items the keywords filed.
    expect(learned.classify(item("Midfielder leaves the club"))).toBe("Football");
    expect(learned.classify(item("Clay tournament", "Players meet in the clay final."))).toBe("Tennis");
  });

  it("are deterministic: the same inputs give the same model and the same filing", () => {
    const a = learnThemes(minimal, { items: pool });
    const b = learnThemes(minimal, { items: [...pool] });
    for (const i of [...pool, item("Nothing to see here")]) {
      expect(b.scores(i)).toEqual(a.scores(i));
      expect(b.explain(i)).toEqual(a.explain(i));
    }
  });

  it("explain the filing by the words that counted, with their weights", () => {
    const learned = learnThemes(minimal, { items: pool });
    const explained = learned.explain(item("Striker joins the club", "A record fee."));
    expect(explained.theme).toBe("Football");
    expect(explained.by).toBe("words");
    const words = explained.words.map((w) => w.word);
    expect(words).toContain("striker");
    expect(words).toContain("club");
    expect(explained.words.every((w) => w.weight > 0)).toBe(true);
    // Strongest first; the scores are the themes', the fallback last.
    expect(explained.words.map((w) => w.weight)).toEqual(
      [...explained.words.map((w) => w.weight)].sort((x, y) => y - x),
    );
    expect(explained.scores.map((s) => s.theme)).toEqual(["Football", "Tennis", "More news"]);
  });

  it("learn from corrections: a corrected item keeps its theme and similar items follow", () => {
    const before = learnThemes(minimal, { items: pool });
    const similar = item("Quidditch broomstick teams meet", "A new league match.");
    expect(before.classify(similar)).toBe("More news");
    // The editor files the quidditch stories under Football.
    const corrections = [
      { ...pool[6]!, theme: "Football" },
      { ...pool[7]!, theme: "Football" },
    ];
    const after = learnThemes(minimal, { items: pool, corrections });
    expect(after.classify(pool[6]!)).toBe("Football");
    expect(after.explain(pool[6]!).by).toBe("label");
    expect(after.classify(similar)).toBe("Football");
    expect(after.explain(similar).words.map((w) => w.word)).toContain("quidditch");
    // A correction naming a theme the file no longer has is left out.
    expect(() => learnThemes(minimal, { items: pool, corrections: [{ ...pool[0]!, theme: "Gone" }] })).not.toThrow();
  });

  it("learn from the file's examples", () => {
    const withExamples = parseThemeConfig({
      ...minimal,
      fallback: "More news",
      examples: [{ title: "Quidditch cup semi-final", summary: "Broomstick teams meet.", theme: "more NEWS" }],
    });
    expect(withExamples.examples[0]!.theme).toBe("More news");
    expect(learnThemes(withExamples, { items: pool }).classify(item("Broomstick quidditch derby"))).toBe("More news");
  });
});

describe("a themes file", () => {
  const write = (content: unknown) => {
    const file = join(mkdtempSync(join(tmpdir(), "themes-")), "themes.json");
    writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
    return file;
  };
  const messageOf = (file: string) => {
    try {
      readThemesFile(file);
    } catch (e) {
      if (isTidingsError(e)) return e.message;
      throw e;
    }
    throw new Error("accepted");
  };

  it("is read with only DESIGN.md's fields", () => {
    const file = write({
      fallback: "Other",
      themes: [{ name: "Golf", about: "Clubs and courses", keywords: ["golf"] }],
    });
    const config = readThemesFile(file);
    expect([...config.themes, config.fallback].map((t) => t.name)).toEqual(["Golf", "Other"]);
  });

  it("stops with a message naming the file and the bad entry", () => {
    const examples = [{ title: "A putt", theme: "Golfing" }];
    const file = write({ fallback: "Other", themes: [{ name: "Golf", keywords: ["golf"] }], examples });
    expect(messageOf(file)).toContain(
      `${file}: theme configuration: example "A putt" → theme: "Golfing" is not one of the themes`,
    );
    const keyword = write({ fallback: "Other", themes: [{ name: "Golf", keywords: ["golf", "Golf"] }] });
    expect(messageOf(keyword)).toContain('theme "Golf" → keywords → "Golf": is the same as "golf"');
    expect(messageOf(write("{ not json"))).toMatch(/^themes file .*themes\.json: /);
  });
});

/** Floors well below the measured figures (README): they catch regressions, not tune. */
describe("accuracy floors on the labelled sets", () => {
  const read = (name: string) =>
    JSON.parse(readFileSync(new URL(`../fixtures/themes/${name}`, import.meta.url), "utf8")) as unknown;
  const domain = (name: string) => ({
    config: parseThemeConfig(read(`${name}/themes.json`)),
    items: parseLabelled(read(`${name}/items.json`)),
  });

  it.each([
    ["webdev (development, measured 57.3%)", "webdev", 0.5],
    ["sport (held-out, measured 68.0%)", "sport", 0.6],
  ])("%s, learned from keywords only", (_, name, floor) => {
    const { config, items } = domain(name);
    expect(evaluateLearned(config, items).accuracy).toBeGreaterThanOrEqual(floor);
  });

  it("the shipped semiconductor file, learned, on its held-out set (measured 92.9%)", () => {
    const labelled = read("labelled.json") as Record<string, unknown>;
    const pool = [labelled.heldOut, labelled.heldOut2, labelled.development, read("seed-labelled.json")].flatMap(
      (set) => parseLabelled(set),
    );
    const learned = learnThemes(parseThemeConfig(shipped), { items: pool });
    const heldOut = parseLabelled(labelled.heldOut2);
    const right = heldOut.filter((i) => learned.classify(i) === i.theme).length;
    expect(right / heldOut.length).toBeGreaterThanOrEqual(0.85);
  });
});
