import { describe, expect, it } from "vitest";
import { chosenThemes, themesToStore, tickedThemes } from "@tidings/core/subscription/preferences";

const known = ["Chips", "Fabs", "Policy", "More news"];

describe("a reader's choice of themes", () => {
  it("is every theme when nothing is stored, or nothing stored is still a theme", () => {
    expect(chosenThemes(undefined, known)).toBe("all");
    expect(chosenThemes(["Renamed long ago"], known)).toBe("all");
    expect(chosenThemes([], known)).toBe("all");
  });

  it("keeps the known names and ignores the rest", () => {
    expect(chosenThemes(["Fabs", "Renamed long ago", "More news"], known)).toEqual(new Set(["Fabs", "More news"]));
    expect(tickedThemes(["More news", "Fabs"], known)).toEqual(["Fabs", "More news"]);
    expect(tickedThemes(undefined, known)).toEqual(known);
  });

  it("is stored in the themes file's order, and every theme ticked stores no choice (new themes come too)", () => {
    expect(themesToStore(["Policy", "Chips", "Not a theme"], known)).toEqual(["Chips", "Policy"]);
    expect(themesToStore([...known].reverse(), known)).toBeUndefined();
  });

  it("refuses no theme at all, pointing to unsubscribe", () => {
    expect(() => themesToStore([], known)).toThrow(/at least one topic.*unsubscribe/);
    expect(() => themesToStore(["Not a theme"], known)).toThrow(/unsubscribe/);
  });
});
