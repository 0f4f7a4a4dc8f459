/**
 * The emails read well with assistive technology: a language, layout tables marked as
 * presentation (screen readers otherwise announce rows and columns), a text alternative on every
 * image, and a plain-text part that reads in the same order as the HTML, for every reader's copy.
 */
import { load } from "cheerio";
import { beforeAll, describe, expect, it } from "vitest";
import { renderDigest, type RenderedDigest } from "@tidings/core/digest/email";
import { readerCopy } from "@tidings/core/digest/reader-copy";
import { confirmationEmail } from "@tidings/core/subscription/confirmation-email";
import { digestInput, seedItems } from "../support/digests.ts";

const links = { unsubscribeUrl: "https://x.example/u?token=a", preferencesUrl: "https://x.example/p?token=b" };

function checkHtml(html: string) {
  const $ = load(html);
  expect($("html").attr("lang")).toBe("en");
  expect($("table").length).toBeGreaterThan(0);
  expect($("table:not([role=presentation])").length, "layout tables without role=presentation").toBe(0);
  $("img").each((_, img) => {
    expect($(img).attr("alt")?.trim(), $(img).attr("src")).toBeTruthy();
  });
}

/** Headings and headlines in reading order: the HTML's, and the text part's. */
function readingOrder(html: string, text: string) {
  const $ = load(html);
  const fromHtml = $("h2.theme-heading, .card-title")
    .map((_, el) => $(el).text().trim())
    .get();
  const lines = text.split("\n");
  const fromText = lines.flatMap((line, i) => {
    if (/^=+$/.test(lines[i + 1] ?? "")) return [line]; // a heading, underlined
    return line.startsWith("* ") ? [line.slice(2)] : [];
  });
  return { fromHtml, fromText };
}

describe("the digest email", () => {
  let digest: RenderedDigest;
  beforeAll(async () => {
    digest = await renderDigest(digestInput(seedItems(30)));
  });

  it("has a language, presentation-only layout tables and alt text on every image, in every copy", () => {
    checkHtml(digest.html);
    checkHtml(digest.webHtml);
    checkHtml(readerCopy(digest, new Set([digest.parts.themes[1]!]), links)!.html);
    expect(load(digest.html)("img").length).toBeGreaterThan(5);
  });

  it("reads in the same order in its text part as in its HTML, whole and for a reader's two themes", () => {
    for (const themes of ["all" as const, new Set([digest.parts.themes[0]!, digest.parts.themes[2]!])]) {
      const copy = readerCopy(digest, themes, links)!;
      const { fromHtml, fromText } = readingOrder(copy.html, copy.text);
      expect(fromHtml.length).toBeGreaterThan(3);
      expect(fromText).toEqual(fromHtml);
    }
  });
});

describe("the confirmation email", () => {
  it("has a language and presentation-only layout tables", async () => {
    checkHtml((await confirmationEmail({ confirmUrl: "https://x.example/c", postalAddress: "1 Street" })).html);
  });
});
