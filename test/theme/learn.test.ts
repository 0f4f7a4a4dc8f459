import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import shipped from "@tidings/templates/themes.json" with { type: "json" };
import { isTidingsError } from "@tidings/core/error";
import { evaluateLearned, learningCurve, parseLabelled } from "@tidings/core/theme/evaluate";
import { learnThemes, type LearnItem } from "@tidings/core/theme/learn";
import { wordNeighbours } from "@tidings/core/theme/neighbours";
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
// The shipped word neighbours, as the digest learns with them.
const neighbours = wordNeighbours();
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
    const learned = learnThemes(minimal, { items: pool, neighbours });
    expect(learned.list.map((t) => t.name)).toEqual(["Football", "Tennis", "More news"]);
    // No keyword: "midfielder" and "club" were learned from the items the keywords filed.
    expect(learned.classify(item("Midfielder leaves the club"))).toBe("Football");
    expect(learned.classify(item("Clay tournament", "Players meet in the clay final."))).toBe("Tennis");
  });

  it("are deterministic: the same inputs give the same model and the same filing", () => {
    const a = learnThemes(minimal, { items: pool, neighbours });
    const b = learnThemes(minimal, { items: [...pool], neighbours });
    for (const i of [...pool, item("Nothing to see here")]) {
      expect(b.scores(i)).toEqual(a.scores(i));
      expect(b.explain(i)).toEqual(a.explain(i));
    }
  });

  it("explain the filing by the words that counted, with their weights", () => {
    const learned = learnThemes(minimal, { items: pool, neighbours });
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
    const before = learnThemes(minimal, { items: pool, neighbours });
    const similar = item("Quidditch broomstick teams meet", "A new league match.");
    expect(before.classify(similar)).toBe("More news");
    // The editor files the quidditch stories under Football.
    const corrections = [
      { ...pool[6]!, theme: "Football" },
      { ...pool[7]!, theme: "Football" },
    ];
    const after = learnThemes(minimal, { items: pool, corrections, neighbours });
    expect(after.classify(pool[6]!)).toBe("Football");
    expect(after.explain(pool[6]!).by).toBe("label");
    expect(after.classify(similar)).toBe("Football");
    expect(after.explain(similar).words.map((w) => w.word)).toContain("quidditch");
    // A correction naming a theme the file no longer has is left out.
    expect(() =>
      learnThemes(minimal, { items: pool, corrections: [{ ...pool[0]!, theme: "Gone" }], neighbours }),
    ).not.toThrow();
  });

  it("count a word the items rarely use like its near neighbours, and say so", () => {
    const injuries = parseThemeConfig({
      fallback: "More news",
      themes: [
        { name: "Injuries", about: "Who is hurt and for how long", keywords: ["injury", "injured"] },
        { name: "Transfers", about: "Players moving between clubs", keywords: ["transfer", "signs"] },
      ],
    });
    const squad = [
      item("Captain's knee injury worse than feared", "The knee needs surgery and he will miss two months."),
      item("Striker injured again: ankle this time", "An ankle injury rules him out of the derby."),
      item("Winger signs from Porto", "The transfer fee is a club record."),
      item("Defender completes transfer to Milan", "He signs a four-year contract."),
    ];
    // No keyword, and words no other item has: only their neighbours (injury, knee, ankle) know them.
    for (const story of [item("Hamstring strain"), item("Sprained wrist")]) {
      const alone = learnThemes(injuries, { items: [...squad, story] });
      expect(alone.classify(story)).toBe("More news");
      const near = learnThemes(injuries, { items: [...squad, story], neighbours });
      const explained = near.explain(story);
      expect(explained.theme).toBe("Injuries");
      const [first] = explained.words;
      expect(first!.like!.some((w) => ["injury", "knee", "ankle"].includes(w))).toBe(true);
    }
    // A word the items use often stands on its own: it borrows nothing.
    const knee = learnThemes(injuries, { items: squad, neighbours }).explain(squad[0]!);
    expect(knee.words.find((w) => w.word === "injury")?.like).toBeUndefined();
  });

  it("learn from the file's examples", () => {
    const withExamples = parseThemeConfig({
      ...minimal,
      fallback: "More news",
      examples: [{ title: "Quidditch cup semi-final", summary: "Broomstick teams meet.", theme: "more NEWS" }],
    });
    expect(withExamples.examples[0]!.theme).toBe("More news");
    expect(learnThemes(withExamples, { items: pool, neighbours }).classify(item("Broomstick quidditch derby"))).toBe(
      "More news",
    );
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
    ["webdev (development, measured 61.3%)", "webdev", 0.55],
    ["sport (seen, measured 73.8%)", "sport", 0.65],
    ["energy (held-out, measured 74.4%)", "energy", 0.65],
  ])("%s, learned from keywords only", (_, name, floor) => {
    const { config, items } = domain(name);
    expect(evaluateLearned(config, items).accuracy).toBeGreaterThanOrEqual(floor);
  });

  it("webdev after 30 corrections (measured 80.3%)", () => {
    const { config, items } = domain("webdev");
    const [point] = learningCurve(config, items, [30]);
    expect(point!.made).toBe(30);
    expect(point!.evaluation.accuracy).toBeGreaterThanOrEqual(0.72);
  });

  it("the shipped semiconductor file, learned, on its held-out set (measured 97.6%)", () => {
    const labelled = read("labelled.json") as Record<string, unknown>;
    const pool = [labelled.heldOut, labelled.heldOut2, labelled.development, read("seed-labelled.json")].flatMap(
      (set) => parseLabelled(set),
    );
    const learned = learnThemes(parseThemeConfig(shipped), { items: pool, neighbours });
    const heldOut = parseLabelled(labelled.heldOut2);
    const right = heldOut.filter((i) => learned.classify(i) === i.theme).length;
    expect(right / heldOut.length).toBeGreaterThanOrEqual(0.85);
  });
});
