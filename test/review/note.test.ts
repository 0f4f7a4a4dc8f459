/**
 * The editor's note: a small Markdown subset becomes data the digest templates render with their
 * own escaping, so an editor's HTML, scripts or odd links never reach a reader as markup.
 */
import { describe, expect, it } from "vitest";
import { renderDigest } from "@tidings/core/digest/email";
import { parseNote } from "@tidings/core/review/note";
import { digestInput, seedItems } from "../support/digests.ts";

describe("the note's Markdown subset", () => {
  it("paragraphs, lists, strong, emphasis and http(s) links; everything else is text", () => {
    const note = parseNote(
      "A **big** week, *really*.\nSee [the report](https://example.com/r?a=1&b=2).\n\n- one\n- two, _twice_\n  continued\n\nsnake_case and 2 * 3 * 4 stay",
    )!;
    expect(note.blocks).toHaveLength(3);
    expect(note.blocks[0]!.runs!.map((r) => [r.text, r.strong, r.em, r.link])).toEqual([
      ["A ", false, false, null],
      ["big", true, false, null],
      [" week, ", false, false, null],
      ["really", false, true, null],
      [". See ", false, false, null],
      ["the report", false, false, "https://example.com/r?a=1&b=2"],
      [".", false, false, null],
    ]);
    expect(note.blocks[1]!.items!.map((i) => i.map((r) => r.text).join(""))).toEqual(["one", "two, twice continued"]);
    expect(note.blocks[2]!.runs!.map((r) => r.text).join("")).toBe("snake_case and 2 * 3 * 4 stay");
    expect(note.text).toBe(
      "A big week, really. See the report (https://example.com/r?a=1&b=2).\n\n- one\n- two, twice continued\n\nsnake_case and 2 * 3 * 4 stay",
    );
  });

  it("keeps no link but http(s), and defuses placeholders", () => {
    const note = parseNote("[click](javascript:alert(1)) [rel](/admin) {{unsubscribe_url}}")!;
    expect(note.blocks[0]!.runs!.every((r) => r.link === null)).toBe(true);
    expect(note.text).not.toContain("{{");
    expect(parseNote("  \n\n ")).toBeNull();
  });

  it("renders in the email's head, in HTML and text, with the editor's markup escaped", async () => {
    const hostile = 'Hi <script>alert(1)</script> <img src=x onerror=alert(1)> **"bold"** [x](https://e.example/"><b>)';
    const rendered = await renderDigest(digestInput(seedItems(6), { note: parseNote(hostile) }));
    const head = rendered.parts.html.head;
    expect(head).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(head).toContain("&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;");
    expect(head).toContain(`<a class="note-link" href="https://e.example/%22%3E%3Cb%3E"`);
    expect(head).toContain("<strong>&quot;bold&quot;</strong>");
    expect(rendered.html).not.toMatch(/<script|<img src=x|<b>/);
    expect(rendered.parts.text.head).toContain("Hi <script>alert(1)</script>"); // text is text
    expect(rendered.webHtml).toContain(`class="note-box"`);
    // Without a note, nothing of it.
    const plain = await renderDigest(digestInput(seedItems(6)));
    expect(plain.html).not.toContain(`class="note-box"`);
  });
});
