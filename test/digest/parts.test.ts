/**
 * A reader's copy from the stored parts: the one render cut by theme, put back together with
 * only the reader's sections, subject and preheader led by their first headline; every
 * combination of themes of a big digest stays under Gmail's clip, in HTML and text alike.
 */
import { load } from "cheerio";
import { beforeAll, describe, expect, it } from "vitest";
import { renderDigest, type RenderedDigest } from "@tidings/core/digest/email";
import { digestModel } from "@tidings/core/digest/model";
import { readerCopy } from "@tidings/core/digest/reader-copy";
import type { Section } from "@tidings/core/digest/sections";
import { assembleEmail } from "@tidings/core/email/assemble";
import { latin1Html, personalise } from "@tidings/core/email/personalise";
import { renderMjml, renderText } from "@tidings/core/email/render";
import { digestInput, item, seedItems } from "../support/digests.ts";

const links = {
  unsubscribeUrl: "https://news.example.com/unsubscribe?token=" + "U".repeat(72),
  preferencesUrl: "https://news.example.com/preferences?token=" + "P".repeat(72),
};

const headings = (html: string) =>
  load(html)("h2.theme-heading")
    .map((_, h) => load(h).text())
    .get();
/** Theme headings in the text part: a line followed by its underline of "=". */
const textHeadings = (text: string) => [...text.matchAll(/^(.+)\n=+$/gm)].map((m) => m[1]);

describe("a reader's copy from the parts of the seed digest", () => {
  let digest: RenderedDigest;
  beforeAll(async () => {
    digest = await renderDigest(digestInput(seedItems(30)));
  });

  it("with every theme is the email as rendered whole (non-Latin-1 as references), byte for byte", async () => {
    const input = digestInput(seedItems(30));
    const model = { ...digestModel(input, "email"), partMarker: null };
    const preheader = digest.parts.previewHeadlines.filter(Boolean).slice(0, digest.parts.previewCount).join(" · ");
    const whole = personalise(
      { subject: "", html: await renderMjml("digest.mjml", model), text: await renderText("digest.txt", model) },
      { ...links, preheader },
    );
    const copy = assembleEmail(digest.parts, "all", links)!;
    expect(copy.html).toBe(latin1Html(whole.html));
    expect(copy.text).toBe(whole.text);
    expect(copy.subject).toBe(digest.subject);
  });

  it("holds only the chosen themes' sections, in the newsletter's order, in HTML and text", () => {
    const [first, , third] = digest.parts.themes;
    const copy = readerCopy(digest, new Set([third!, first!]), links)!;
    expect(headings(copy.html)).toEqual([first, third]);
    expect(textHeadings(copy.text)).toEqual([first, third]);
    const cards = load(copy.html)("a.card-title").length;
    const expected = digest.parts.html.sections
      .filter((_, i) => i === 0 || i === 2)
      .reduce((n, s) => n + load(s)("a.card-title").length, 0);
    expect(cards).toBe(expected);
    expect(copy.html).toContain(links.preferencesUrl);
    expect(copy.text).toContain(`Choose your topics (preferences): ${links.preferencesUrl}`);
    expect(copy.text).toContain(`Unsubscribe: ${links.unsubscribeUrl}`);
  });

  it("leads subject and preheader with the reader's first chosen headline", () => {
    const [, second, third, fourth] = digest.parts.themes;
    const copy = readerCopy(digest, new Set([second!, third!, fourth!]), links)!;
    const leads = digest.parts.previewHeadlines;
    expect(copy.subject).toBe(digest.parts.subjectLead + digest.parts.subjectHeadlines[1]);
    const preheader = load(copy.html)("body > div").first().text();
    expect(preheader).toBe([leads[1], leads[2], leads[3]].join(" · "));
    expect(copy.subject).not.toContain(leads[0]);
  });

  it("is nothing when the digest has nothing in the reader's themes", () => {
    expect(readerCopy(digest, new Set(["A theme with no story this week"]), links)).toBeUndefined();
  });

  it("leaves no part marker and no placeholder in any copy", () => {
    for (const themes of ["all" as const, new Set([digest.parts.themes[1]!])]) {
      const copy = readerCopy(digest, themes, links)!;
      for (const body of [copy.html, copy.text, copy.subject]) {
        expect(body).not.toMatch(/tidings-part|\{\{/);
      }
    }
  });

  it("of a digest stored whole (built before parts) is the whole email, whatever the themes", () => {
    const { parts: _, ...whole } = digest;
    const copy = readerCopy(whole, new Set([digest.parts.themes[1]!]), links)!;
    expect(headings(copy.html)).toEqual(digest.parts.themes);
    expect(copy.html).toContain(links.unsubscribeUrl);
  });
});

describe("every combination of seven themes of a big digest", () => {
  // Seven themes of long stories, each with a picture and a long link: the worst case for size.
  const themes = ["One", "Two", "Three", "Four", "Five", "Six", "More news"];
  const long = (n: number, what: string) => `${what} ${n} `.repeat(40).slice(0, 190);
  const sections: Section[] = themes.map((theme, t) => ({
    theme,
    items: Array.from({ length: 9 }, (_, i) =>
      item({
        title: long(t * 10 + i, `A long headline about chips and fabs in ${theme}`),
        summary: long(i, "A long summary that goes on about wafers, yields, nodes and export rules").repeat(4),
        link: `https://news.example.com/${"story/".repeat(20)}${t}-${i}?utm_source=${"x".repeat(80)}`,
        image: `https://images.example.com/${"path/".repeat(15)}${t}-${i}.jpg`,
        published: `2026-05-1${i % 7}T0${t}:00:00.000Z`,
      }),
    ),
  }));
  let digest: RenderedDigest;
  beforeAll(async () => {
    digest = await renderDigest(digestInput([], { sections }));
  });

  it("stays under Gmail's 102 KB clip in each of the 127 combinations, HTML and text holding the same themes", () => {
    expect(digest.parts.themes).toEqual(themes);
    let largest = 0;
    for (let mask = 1; mask < 1 << themes.length; mask++) {
      const chosen = themes.filter((_, i) => mask & (1 << i));
      const copy = readerCopy(digest, new Set(chosen), links)!;
      const bytes = Buffer.byteLength(copy.html);
      largest = Math.max(largest, bytes);
      expect(bytes, chosen.join(", ")).toBeLessThan(102 * 1000);
      expect(headings(copy.html)).toEqual(chosen);
      expect(textHeadings(copy.text)).toEqual(chosen);
    }
    // The shrinking kept the whole email (every theme: the largest copy) near, but under, the clip.
    expect(largest).toBeGreaterThan(60 * 1000);
  });
});
