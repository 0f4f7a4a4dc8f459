/**
 * HTML → plain text: no markup survives into a title or a summary, however the feed
 * disguised it. One hand-written pass drops tags (word-breaking ones become a space),
 * comments and scripts; it never backtracks, so it stays linear on hostile input (a million
 * unclosed `<a "` included). It stops once it has the text a summary needs: a 400 KB
 * article costs no more than its first paragraphs.
 */
import { DecodingMode, decodeHTML } from "entities";
import { type EntityScope, collapse, truncate, unwrapXml } from "./text.ts";

// Tags that do not break a word: every other tag becomes a space.
const inlineTags = new Set(
  "a abbr b bdi bdo big cite code data del dfn em font i img ins kbd mark q s samp small span strike strong sub sup time tt u var".split(
    " ",
  ),
);
// Tags whose content is never text.
const skippedTags = new Set([
  "script",
  "style",
  "noscript",
  "template",
  "iframe",
  "object",
  "svg",
  "math",
  "head",
  "title",
]);

const isNameStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
const isNameChar = (c: number) => isNameStart(c) || (c >= 48 && c <= 57) || c === 45 || c === 58;

/** Whether the `<` at `i` opens a tag, a comment, CDATA… (else it is just text). */
function opensMarkup(html: string, i: number, noMoreTags: boolean, lenient: boolean): boolean {
  if (noMoreTags) return false;
  const c1 = html.charCodeAt(i + 1);
  if (isNameStart(c1) || (c1 === 47 && isNameStart(html.charCodeAt(i + 2)))) return true;
  return !lenient && (c1 === 33 || c1 === 63);
}

/** Index of the `>` closing the tag opened before `from`, honouring quoted attribute values; -1 if none. */
function tagEnd(html: string, from: number): number {
  for (let i = from; i < html.length; i++) {
    const c = html.charCodeAt(i);
    if (c === 62) return i;
    if ((c === 34 || c === 39) && html.charCodeAt(i - 1) === 61) {
      i = html.indexOf(c === 34 ? '"' : "'", i + 1);
      if (i === -1) return -1;
    }
  }
  return -1;
}

function closingTag(html: string, name: string, from: number): number {
  const re = new RegExp(`</${name}\\s*>`, "ig");
  re.lastIndex = from;
  const m = re.exec(html);
  return m ? m.index + m[0].length : -1;
}

const attributePatterns = new Map<string, RegExp>();

/** An attribute's value inside one start tag (`<img src="…" …>`), entities still encoded. */
export function attribute(tag: string, name: string): string | undefined {
  let re = attributePatterns.get(name);
  if (!re)
    attributePatterns.set(name, (re = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, "i")));
  const m = re.exec(tag);
  return m ? (m[1] ?? m[2] ?? m[3]) : undefined;
}

const tiny = /^\s*[01](?:px)?\s*$/i;

/** Tracking pixels are images too, but not pictures: 0 or 1 pixel wide or high, or hidden. */
export function isPixel(tag: string): boolean {
  const width = attribute(tag, "width");
  const height = attribute(tag, "height");
  return (
    (width !== undefined && tiny.test(width)) ||
    (height !== undefined && tiny.test(height)) ||
    /display\s*:\s*none/i.test(tag)
  );
}

export interface Stripped {
  text: string;
  /** The first picture's `src` (HTML-encoded), when asked for. */
  img: string | undefined;
  /** True when the scan stopped at its limit, before the end. */
  cut?: boolean;
}

/**
 * Drops tags, comments and scripts; leaves character references encoded and whitespace as
 * it is. `lenient` (text that was markup only after decoding) keeps a `<` that opens no
 * complete tag, where a browser would drop the rest of the document.
 */
function scan(html: string, wantImg: boolean, lenient: boolean, limit: number): Stripped {
  const n = html.length;
  let out = "";
  let noMoreTags = false;
  let img: string | undefined;
  let i = 0;
  while (i < n) {
    if (out.length > limit) return { text: out, img, cut: true };
    const lt = html.indexOf("<", i);
    if (lt === -1) {
      out += html.slice(i);
      break;
    }
    if (!opensMarkup(html, lt, noMoreTags, lenient)) {
      out += html.slice(i, lt + 1); // a `<` that opens nothing is text
      i = lt + 1;
      continue;
    }
    if (lt > i) out += html.slice(i, lt);
    const c1 = html.charCodeAt(lt + 1);
    if (c1 === 33 || c1 === 63) {
      // Comment, CDATA, DOCTYPE or processing instruction.
      if (html.startsWith("<![CDATA[", lt)) {
        const end = html.indexOf("]]>", lt + 9);
        out += " " + html.slice(lt + 9, end === -1 ? n : end) + " ";
        i = end === -1 ? n : end + 3;
      } else {
        const end = html.startsWith("<!--", lt) ? html.indexOf("-->", lt + 4) + 2 : html.indexOf(">", lt);
        if (end < 2) break;
        i = end + 1;
        out += " ";
      }
      continue;
    }
    const end = tagEnd(html, lt + 1);
    if (end === -1) {
      if (!lenient) break; // an unterminated tag swallows the rest, as in a browser
      noMoreTags = true; // and none further on can close either: stay linear
      i = lt;
      continue;
    }
    const nameStart = c1 === 47 ? lt + 2 : lt + 1;
    let nameEnd = nameStart;
    while (nameEnd < n && isNameChar(html.charCodeAt(nameEnd))) nameEnd++;
    let name = html.slice(nameStart, nameEnd);
    if (!inlineTags.has(name)) name = name.toLowerCase();
    i = end + 1;
    if (c1 !== 47 && skippedTags.has(name) && html.charCodeAt(end - 1) !== 47) {
      i = closingTag(html, name, i);
      if (i === -1) break;
    } else if (wantImg && img === undefined && name === "img") {
      const tag = html.slice(lt, end + 1);
      const src = attribute(tag, "src");
      if (src && !isPixel(tag)) img = src;
    }
    if (!inlineTags.has(name)) out += " ";
  }
  return { text: out, img };
}

const looksLikeMarkup = /<[A-Za-z!?/]/;

/**
 * Plain text of an HTML string: tags gone, references decoded, whitespace collapsed; at
 * most `max` characters (the HTML past what that needs is not even scanned).
 */
export function htmlToText(html: string, wantImg = false, max = Infinity): Stripped {
  const scanned = scan(html, wantImg, false, max * 2);
  let text = scanned.text;
  if (text.indexOf("&") !== -1) {
    text = decodeHTML(text, DecodingMode.Strict);
    // Double-escaped markup (`&amp;lt;b&amp;gt;`) only shows itself after decoding.
    if (looksLikeMarkup.test(text)) text = scan(text, false, true, Infinity).text;
  }
  text = collapse(text);
  // Mostly whitespace and entities: the limit was too tight a guess, scan it all.
  if (scanned.cut && text.length < max) return htmlToText(html, wantImg);
  return { text: truncate(text, max), img: scanned.img };
}

/** Plain text of a raw XML value that may hold HTML in any of its disguises. */
export function richText(raw: string, scope: EntityScope): string {
  return htmlToText(unwrapXml(raw, scope)).text;
}

/** An HTML attribute value (an `<img src>`) with its character references decoded. */
export function decodeAttribute(value: string): string {
  return value.indexOf("&") === -1 ? value : decodeHTML(value, DecodingMode.Attribute);
}
