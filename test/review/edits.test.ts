/** Edits as data on the classifier's filing (pure): what a patch does, what it refuses, how sections come out. */
import { describe, expect, it } from "vitest";
import { applyEdits, noEdits, patchEdits } from "@tidings/core/review/edits";
import { item } from "../support/digests.ts";

const themes = ["Policy & trade", "Memory & storage", "More news"];
const a = item({ key: "a", published: "2026-05-13T09:00:00Z" });
const b = item({ key: "b", published: "2026-05-14T09:00:00Z" });
const c = item({ key: "c", published: "2026-05-15T09:00:00Z" });
const late = item({ key: "late", published: "2026-05-16T09:00:00Z" }); // arrived after the build: not filed
const filed = { a: "Policy & trade", b: "Policy & trade", c: "Memory & storage" };
const shape = (sections: ReturnType<typeof applyEdits>) => sections.map((s) => [s.theme, s.items.map((i) => i.key)]);

describe("applying edits", () => {
  it("files the build's items as the classifier did, newest first, themes in order", () => {
    expect(shape(applyEdits([a, b, c, late], filed, noEdits, themes))).toEqual([
      ["Policy & trade", ["b", "a"]],
      ["Memory & storage", ["c"]],
    ]);
  });

  it("moves, drops and pins (pinned first, in the order pinned)", () => {
    const edits = { ...noEdits, moves: { c: "Policy & trade", a: "More news" }, drops: ["b"], pins: ["c"] };
    expect(shape(applyEdits([a, b, c], filed, edits, themes))).toEqual([
      ["Policy & trade", ["c"]],
      ["More news", ["a"]],
    ]);
    const pins = { ...noEdits, pins: ["a", "b"] };
    expect(shape(applyEdits([a, b, c], filed, pins, themes))[0]).toEqual(["Policy & trade", ["a", "b"]]);
  });
});

describe("a patch", () => {
  it("refuses unknown items and themes, naming each, and too long a note", () => {
    expect(() => patchEdits(noEdits, { drops: ["zz"], moves: [{ id: "a", theme: "Cooking" }] }, filed, themes)).toThrow(
      /no item zz in this digest; no theme "Cooking"/,
    );
    expect(() => patchEdits(noEdits, { note: "x".repeat(2001) }, filed, themes)).toThrow(/longer than 2000/);
  });

  it("a move back to the classifier's theme undoes the move; a move or a restore brings a dropped item back", () => {
    let e = patchEdits(noEdits, { moves: [{ id: "a", theme: "More news" }], drops: ["b"], pins: ["b"] }, filed, themes);
    expect(e).toMatchObject({ moves: { a: "More news" }, drops: ["b"], pins: [] });
    e = patchEdits(
      e,
      {
        moves: [
          { id: "a", theme: "Policy & trade" },
          { id: "b", theme: "More news" },
        ],
      },
      filed,
      themes,
    );
    expect(e).toMatchObject({ moves: { b: "More news" }, drops: [] });
    e = patchEdits(e, { drops: ["c"] }, filed, themes);
    expect(patchEdits(e, { restores: ["c"] }, filed, themes).drops).toEqual([]);
  });

  it("trims the note, keeps the subject on one line, and leaves what it does not name", () => {
    const e = patchEdits(noEdits, { note: "  Hello.\n", subject: " Big\n week " }, filed, themes);
    expect(e).toMatchObject({ note: "Hello.", subject: "Big week" });
    expect(patchEdits(e, { pins: ["a"] }, filed, themes)).toMatchObject({ note: "Hello.", subject: "Big week" });
  });
});
