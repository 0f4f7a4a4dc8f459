import { describe, expect, it } from "vitest";
import { decodeNeighbours, encodeNeighbours, wordNeighbours } from "@tidings/core/theme/neighbours";

describe("word neighbours", () => {
  it("survive the file format: stems, order and similarity to 1/255", () => {
    const bytes = encodeNeighbours(
      ["injuri", "knee", "café"],
      [
        [
          { stem: "knee", similarity: 0.7 },
          { stem: "café", similarity: 0.41 },
        ],
        [{ stem: "injuri", similarity: 0.7 }],
        [],
      ],
    );
    const read = decodeNeighbours(bytes);
    expect(read.size).toBe(3);
    expect(read.of("injuri").map((n) => n.stem)).toEqual(["knee", "café"]);
    expect(read.of("injuri")[1]!.similarity).toBeCloseTo(0.41, 2);
    expect(read.of("café")).toEqual([]);
    expect(read.of("unknown")).toEqual([]);
    expect(() => decodeNeighbours(Buffer.from("not a neighbours file"))).toThrow(/not a word-neighbours file/);
  });

  it("ship nearest first, as the classifier's stems", () => {
    const shipped = wordNeighbours();
    expect(shipped.size).toBeGreaterThan(30_000);
    const hamstring = shipped.of("hamstr"); // Porter stem of "hamstring"
    expect(hamstring.map((n) => n.stem)).toContain("injuri");
    expect(hamstring.every((n) => n.similarity >= 0.4 && n.similarity <= 1)).toBe(true);
    expect(hamstring.map((n) => n.similarity)).toEqual([...hamstring.map((n) => n.similarity)].sort((a, b) => b - a));
    expect(shipped.of("malici").map((n) => n.stem)).toContain("malwar");
  });
});
