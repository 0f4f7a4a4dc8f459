import { describe, expect, it } from "vitest";
import { cutAtWord, httpUrl, slug } from "@tidings/core/email/text";

describe("email text helpers", () => {
  it("lets only absolute http(s) links through", () => {
    expect(httpUrl("https://example.com/a b")).toBe("https://example.com/a%20b");
    expect(httpUrl("http://example.com")).toBe("http://example.com/");
    for (const bad of [
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      "data:text/html,x",
      "/relative",
      "mailto:a@b.c",
      "",
      null,
    ]) {
      expect(httpUrl(bad), String(bad)).toBeNull();
    }
  });

  it("cuts at a word boundary and marks the cut", () => {
    expect(cutAtWord("short enough", 20)).toBe("short enough");
    expect(cutAtWord("The quick brown fox jumps over the lazy dog", 20)).toBe("The quick brown fox…");
    expect(cutAtWord("Chips, memory, and more, everywhere", 15)).toBe("Chips, memory…");
    expect(cutAtWord("x".repeat(50), 10)).toBe("xxxxxxxxx…");
    expect(cutAtWord("  spaced\n\n out  ", 50)).toBe("spaced out");
    expect(cutAtWord("😀".repeat(10), 5)).toBe("😀😀…");
  });

  it("makes anchors from theme names", () => {
    expect(slug("AI chips & computing")).toBe("ai-chips-computing");
    expect(slug("Policy & trade")).toBe("policy-trade");
    expect(slug("Économie")).toBe("economie");
  });
});
