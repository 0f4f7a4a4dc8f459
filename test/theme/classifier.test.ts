import { describe, expect, it } from "vitest";
import { compileThemes, type ThemeItem } from "@tidings/core/theme/classifier";
import type { ThemeConfigInput } from "@tidings/core/theme/schema";

const config = {
  scoring: { titleWeight: 3, categoryWeight: 4, minScore: 2 },
  themes: [
    {
      name: "Chips",
      terms: { chip: 2, "ai chip": 3, gpu: 3, "hbm*": 2 },
      ignore: ["casino chip", "potato chip", "blue chip"],
      categories: ["Semiconductors"],
    },
    { name: "Memory", terms: { memory: 3, dram: 3 }, ignore: ["in recent memory", "memory lane"] },
    { name: "Foundries", terms: { foundry: 3, "contract chipmaker": 4 }, ignore: ["foundry of talent"] },
    { name: "Markets", terms: { stock: 3, share: 2 }, categories: ["Markets"] },
    { name: "Policy", terms: { "export control": 4, china: 1 } },
  ],
  fallback: { name: "More news", terms: { casino: 2 } },
} satisfies ThemeConfigInput;

const themes = compileThemes(config);
const item = (title: string, summary = "", categories: string[] = []): ThemeItem => ({ title, summary, categories });
const classify = (title: string, summary = "", categories: string[] = []) =>
  themes.classify(item(title, summary, categories));

describe("classify", () => {
  it("matches whole words only", () => {
    expect(classify("Memory prices rise")).toBe("Memory");
    expect(classify("Memorybank opens branch")).toBe("More news");
    expect(classify("Chipotle opens in Hong Kong")).toBe("More news");
  });

  it("matches singular and plural, in any case", () => {
    expect(classify("FOUNDRIES raise prices")).toBe("Foundries");
    expect(classify("New gpus ship")).toBe("Chips");
    expect(classify("Stocks slide")).toBe("Markets");
  });

  it("matches phrases across hyphens and curly apostrophes, and their plural", () => {
    expect(classify("China’s export-controls tighten")).toBe("Policy");
    expect(classify("Two contract chipmakers merge")).toBe("Foundries");
  });

  it("matches a trailing * as any ending", () => {
    expect(classify("HBM3E and HBM4 samples")).toBe("Chips");
  });

  it("does not count a theme's words inside its ignore phrases", () => {
    expect(classify("Worst drought in recent memory")).toBe("More news");
    expect(classify("A trip down memory lane")).toBe("More news");
    expect(classify("A university that is a foundry of talent")).toBe("More news");
    expect(classify("Potato chips get pricier")).toBe("More news");
    expect(classify("High rollers buy more casino chips")).toBe("More news");
    expect(themes.explain(item("Potato chips get pricier")).scores[0]).toMatchObject({
      score: 0,
      cancelled: [{ term: "chip", by: "potato chip", where: "title" }],
    });
  });

  it("cancels words only for the theme that ignores them", () => {
    // "blue chip" cancels "chip" for Chips; "stocks" still counts for Markets.
    expect(classify("Blue-chip stocks lift the index")).toBe("Markets");
    // Outside the phrase, the word counts again.
    expect(classify("Memory makers gain, the best in recent memory")).toBe("Memory");
  });

  it("weighs the title above the summary", () => {
    expect(classify("Stock market opens higher", "Memory and DRAM prices rose.")).toBe("Markets");
    expect(classify("Memory prices rise", "Shares and stock of suppliers climbed.")).toBe("Memory");
    const explained = themes.explain(item("Memory prices rise", "Memory is short."));
    expect(explained.scores[1]!.hits).toEqual([
      { term: "memory", where: "title", points: 9 },
      { term: "memory", where: "summary", points: 3 },
    ]);
  });

  it("counts a term once per field and only the longest of overlapping terms", () => {
    const memory = themes.explain(item("Memory, memory, memory")).scores[1]!;
    expect(memory.score).toBe(9);
    const chips = themes.explain(item("AI chip sales")).scores[0]!;
    expect(chips.hits).toEqual([{ term: "ai chip", where: "title", points: 9 }]);
  });

  it("maps feed categories to themes, case-insensitively", () => {
    expect(classify("Quarterly update", "", ["markets"])).toBe("Markets");
    expect(classify("Quarterly update", "", ["Semiconductors", "Unknown"])).toBe("Chips");
    expect(themes.explain(item("Quarterly update", "", ["Markets", "MARKETS"])).scores[3]!.score).toBe(4);
  });

  it("files what fits nothing, or scores under minScore, under the fallback", () => {
    expect(classify("Weather turns warm", "Sunny skies all week.")).toBe("More news");
    // "china" in the summary scores 1 < minScore 2.
    expect(classify("Weather turns warm", "Sunny skies in China.")).toBe("More news");
    expect(classify("Casino revenue rises")).toBe("More news");
  });

  it("breaks ties by display order, the fallback last", () => {
    // Memory 3 vs Foundries 3 in the summary: Memory is listed first.
    expect(classify("Weekly roundup", "A foundry and a memory maker met.")).toBe("Memory");
    expect(classify("Weekly roundup", "A memory maker and a foundry met.")).toBe("Memory");
  });

  it("is deterministic and always names one of the configured themes", () => {
    const names = themes.list.map((t) => t.name);
    expect(names).toEqual(["Chips", "Memory", "Foundries", "Markets", "Policy", "More news"]);
    const samples = [item("Memory stocks rally", "DRAM shares rose in China."), item(""), item("?!", "…")];
    for (const sample of samples) {
      const first = themes.classify(sample);
      expect(names).toContain(first);
      for (let i = 0; i < 5; i++) expect(themes.classify(sample)).toBe(first);
      expect(themes.explain(sample).theme).toBe(first);
    }
  });

  it("explains every theme's score in display order", () => {
    const explained = themes.explain(item("Memory stocks rally", "DRAM shares rose."));
    expect(explained.theme).toBe("Memory");
    expect(explained.scores.map((s) => [s.theme, s.score])).toEqual([
      ["Chips", 0],
      ["Memory", 12],
      ["Foundries", 0],
      ["Markets", 11],
      ["Policy", 0],
      ["More news", 0],
    ]);
  });
});
