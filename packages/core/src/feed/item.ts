/** Normalisation shared by the RSS, Atom and JSON Feed readers. */
import { createHash } from "node:crypto";
import { resolveUrl } from "./links.ts";
import { attribute, decodeAttribute, htmlToText, isPixel } from "./html.ts";
import { type EntityScope, collapse, decodeXml, unwrapXml } from "./text.ts";
import type { El } from "./xml.ts";

/** `jane@example.com (Jane Doe)` and `Jane Doe <jane@example.com>` → `Jane Doe`. */
function personName(value: string): string {
  const paren = /^\S+@\S+\s*\((.+)\)$/.exec(value);
  if (paren) return paren[1]!.trim();
  const angle = /^(.+?)\s*<\S+@\S+>$/.exec(value);
  return angle ? angle[1]!.replace(/^"|"$/g, "").trim() : value;
}

/**
 * Every author kept, once: names from all sources, split where a feed comma-joined them,
 * de-duplicated (a feed often repeats `author` as `dc:creator`), joined with ", ".
 */
export function authorsOf(values: (string | null | undefined)[]): string | null {
  // The common case: one plain name, perhaps repeated (author and dc:creator).
  const first = values[0];
  if (first && values.every((v) => v === first) && !/[,;@<(]/.test(first)) return collapse(first) || null;
  const seen = new Map<string, string>();
  for (const value of values) {
    if (!value) continue;
    for (const part of value.split(/\s*[,;]\s*/)) {
      const name = personName(collapse(part));
      if (name && !seen.has(name.toLowerCase())) seen.set(name.toLowerCase(), name);
    }
  }
  return seen.size ? [...seen.values()].join(", ") : null;
}

/** Non-empty, trimmed, each once (case-insensitively), in document order. */
export function categoriesOf(values: (string | null | undefined)[]): string[] {
  const seen = new Map<string, string>();
  for (const value of values) {
    const name = value ? collapse(value) : "";
    if (name && !seen.has(name.toLowerCase())) seen.set(name.toLowerCase(), name);
  }
  return [...seen.values()];
}

/** The id of an item that has neither GUID nor link: a hash of what identifies it, stable across runs. */
export function fallbackId(title: string, published: string | null, summary: string): string {
  const basis = title || published ? `${title}\n${published ?? ""}` : summary;
  return "urn:tidings:" + createHash("sha256").update(basis).digest("hex").slice(0, 32);
}

// Feed furniture, not pictures: FeedBurner flares and counters, ad-network buttons, stats
// beacons, and icons (share buttons, file-type and smiley images).
const junkImage = new RegExp(
  [
    String.raw`//(?:feeds\.feedburner\.com/~(?:f|ff|r)/|[^/]*(?:feedsportal|pheedo|pheedcontent|doubleclick)\.(?:com|net)/)`,
    String.raw`//(?:stats\.wordpress\.com|pixel\.wp\.com)/`,
    String.raw`/(?:icons?|emoticons?|smil(?:ies|eys)|emoji|filetype|buttons?|badges?)/`,
    String.raw`/(?:facebook|twitter|linkedin|digg|delicious|reddit|stumbleupon|email|share|print|feed-icon)[\w-]*\.(?:gif|png|svg)(?:[?#]|$)`,
  ].join("|"),
  "i",
);

function pictureUrl(src: string, base: string | undefined): string | null {
  const url = resolveUrl(decodeAttribute(src), base);
  return url && !junkImage.test(url) ? url : null;
}

/** The first `<img>` of some HTML that is a picture (not a tracking pixel or a feed's furniture), absolute. */
export function firstImage(html: string, base: string | undefined): string | null {
  const re = /<img\b[^<>]*>/gi;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    const src = attribute(m[0], "src");
    if (!src || isPixel(m[0])) continue;
    const url = pictureUrl(src, base);
    if (url) return url;
  }
  return null;
}

/** An item's summary and the picture found in the same HTML. */
export interface Summary {
  text: string;
  image: string | null;
}

export const noSummary: Summary = { text: "", image: null };

/** Summaries are excerpts for a digest, not the article: longer ones are cut at a word. */
export const summaryMax = 600;

/** Summary text and the picture found on the way (a second pass only if that picture is furniture). */
export function summaryOf(html: string, base: string | undefined): Summary {
  const { text, img } = htmlToText(html, true, summaryMax);
  return { text, image: img ? (pictureUrl(img, base) ?? firstImage(html, base)) : null };
}

/** summaryOf for raw XML content, decoding no more of it than the summary needs. */
export function summaryOfRaw(raw: string, entities: EntityScope, base: string | undefined): Summary {
  const head = raw.length > summaryMax * 8 ? raw.slice(0, summaryMax * 8) : raw;
  const summary = summaryOf(unwrapXml(head, entities), base);
  return head !== raw && summary.text.length < summaryMax ? summaryOf(unwrapXml(raw, entities), base) : summary;
}

// An <img> tag in raw XML content: as markup (CDATA, inline XHTML) or entity-escaped.
// Both forms are bounded by what they cannot contain, so the search stays linear.
const rawImgTag = /<img\b[^<>]*>|&lt;img\b[^<>]{0,4096}?&gt;/gi;

/** firstImage for raw XML content, without decoding more than the tags it looks at. */
export function firstImageOfRaw(raw: string, entities: EntityScope, base: string | undefined): string | null {
  rawImgTag.lastIndex = 0;
  for (let m = rawImgTag.exec(raw); m; m = rawImgTag.exec(raw)) {
    const tag = m[0].startsWith("<") ? m[0] : decodeXml(m[0], entities);
    const src = attribute(tag, "src");
    if (!src || isPixel(tag)) continue;
    const url = pictureUrl(src, base);
    if (url) return url;
  }
  return null;
}

const imageExtension = /\.(jpe?g|png|gif|webp|avif)(?:[?#]|$)/i;

/** True when a MIME type (or, lacking one, the URL) says "picture". */
export function isImage(type: string | undefined, url: string | undefined, medium?: string): boolean {
  if (medium) return medium.toLowerCase() === "image";
  if (type) return type.toLowerCase().startsWith("image/");
  return url !== undefined && imageExtension.test(url);
}

/** An element's URL attribute (`href`, `url`), decoded and resolved against the element's base. */
export function urlAttribute(
  el: El | undefined,
  name: string,
  entities: EntityScope,
  fallbackBase?: string,
): string | null {
  const raw = el?.attr(name);
  return raw ? resolveUrl(decodeXml(raw, entities), el!.base ?? fallbackBase) : null;
}
