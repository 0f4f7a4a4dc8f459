import { describe, expect, it } from "vitest";
import { wordForms, words } from "@tidings/core/theme/words";

describe("words", () => {
  it("lower-cases and splits on spaces, hyphens and punctuation", () => {
    expect(words("Blue-chip STOCKS, rallied!")).toEqual(["blue", "chip", "stocks", "rallied"]);
  });

  it("drops possessives written with straight or curly apostrophes", () => {
    expect(words("China’s chips")).toEqual(["china", "chips"]);
    expect(words("China's chips")).toEqual(["china", "chips"]);
    expect(words("investors’ bets")).toEqual(["investors", "bets"]);
  });

  it("keeps inner apostrophes, digits and non-Latin letters", () => {
    expect(words("don’t buy H200s")).toEqual(["don't", "buy", "h200s"]);
    expect(words("Münchner Gießerei")).toEqual(["münchner", "gießerei"]);
    expect(words("华虹 ＳＭＩＣ")).toEqual(["华虹", "smic"]);
  });

  it("finds nothing in punctuation", () => {
    expect(words("— !!! …")).toEqual([]);
  });
});

describe("wordForms", () => {
  it("adds the regular plural", () => {
    expect(wordForms("chip")).toEqual(["chip", "chips"]);
    expect(wordForms("foundry")).toEqual(["foundry", "foundries"]);
    expect(wordForms("process")).toEqual(["process", "processes"]);
    expect(wordForms("tax")).toEqual(["tax", "taxes"]);
    expect(wordForms("key")).toEqual(["key", "keys"]);
    expect(wordForms("die")).toEqual(["die", "dies"]);
  });
});
