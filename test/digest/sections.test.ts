import { describe, expect, it } from "vitest";
import { ruleClassifier } from "@tidings/core/digest/classifier";
import { applyCaps, groupByTheme } from "@tidings/core/digest/sections";
import { classify, item, themes } from "../support/digests.ts";

const count = (sections: { theme: string; items: unknown[] }[]) => sections.map((s) => [s.theme, s.items.length]);

describe("sections", () => {
  it("groups by theme in the configured order, newest first, skipping empty themes", () => {
    const old = item({ title: "Nvidia ships new AI accelerator", published: "2026-05-11T08:00:00Z" });
    const recent = item({ title: "AI startup tapes out inference chip", published: "2026-05-15T08:00:00Z" });
    const other = item({ title: "Conference season opens in Taipei" });
    const policy = item({ title: "New export rules for lithography tools" });
    const sections = groupByTheme([other, old, policy, recent], classify, themes);
    expect(sections.map((s) => s.theme)).toEqual(["AI chips & computing", "Foundries & manufacturing", "More news"]);
    expect(sections[0]!.items.map((i) => i.key)).toEqual([recent.key, old.key]);
  });

  it("uses the newsletter's configured themes, in display order", () => {
    const configured = ruleClassifier();
    expect(configured.themes.at(-1)).toBe("More news");
    expect(
      configured.classify({ title: "SK Hynix lifts DRAM and NAND flash output", summary: "", categories: [] }),
    ).toBe("Memory & storage");
  });

  it("puts a theme the list does not know after the listed ones", () => {
    const sections = groupByTheme([item(), item()], (i) => (i.title.endsWith("1") ? "Unlisted" : "More news"), [
      "More news",
    ]);
    expect(sections[0]!.theme).toBe("More news");
  });

  const sections = [
    { theme: "A", items: Array.from({ length: 10 }, () => item()) },
    { theme: "B", items: Array.from({ length: 3 }, () => item()) },
    { theme: "C", items: Array.from({ length: 1 }, () => item()) },
  ];

  it("caps each theme and counts what the web still has", () => {
    const capped = applyCaps(sections, { maxPerTheme: 4, maxItems: 100 });
    expect(count(capped)).toEqual([
      ["A", 4],
      ["B", 3],
      ["C", 1],
    ]);
    expect(capped.map((s) => s.hidden)).toEqual([6, 0, 0]);
  });

  it("shares the total cap out round-robin so later themes keep a place", () => {
    const capped = applyCaps(sections, { maxPerTheme: 10, maxItems: 7 });
    expect(count(capped)).toEqual([
      ["A", 3],
      ["B", 3],
      ["C", 1],
    ]);
    expect(capped.map((s) => s.hidden)).toEqual([7, 0, 0]);
    expect(count(applyCaps(sections, { maxPerTheme: 10, maxItems: 2 }))).toEqual([
      ["A", 1],
      ["B", 1],
      ["C", 0],
    ]);
  });
});
