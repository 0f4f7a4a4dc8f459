/**
 * Raw XML text → text. Feeds carry HTML three ways (CDATA, entity-escaped, inline XHTML)
 * and double-escape freely: the XML level is undone here, the HTML level in html.ts.
 * Decoding is bounded: a DOCTYPE's entities may not expand past the document's budget.
 */
import { decodeXML } from "entities";
import { TidingsError } from "../error.ts";

/** Entities a document's DOCTYPE declared (null: external, never resolved) and what expanding them may cost. */
export interface EntityScope {
  entities: Map<string, string | null> | undefined;
  budget: { used: number; max: number };
}

export const noEntities = (): EntityScope => ({ entities: undefined, budget: { used: 0, max: 0 } });

const predefined: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const entityRef = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z_][\w.-]{0,63}));/g;

function codePoint(n: number): string {
  const ok = n > 0 && n <= 0x10ffff && !(n >= 0xd800 && n <= 0xdfff);
  return ok ? String.fromCodePoint(n) : "\ufffd";
}

/**
 * Decodes XML character and entity references. Names the XML level does not know (`&nbsp;`)
 * are left for the HTML level; a DOCTYPE's external entities expand to nothing.
 */
export function decodeXml(raw: string, scope: EntityScope): string {
  if (raw.indexOf("&") === -1) return raw;
  // Without a DOCTYPE's entities, the library's decoder does the same, faster.
  if (!scope.entities) return decodeXML(raw);
  return raw.replace(entityRef, (match, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (dec !== undefined) return codePoint(Number(dec));
    if (hex !== undefined) return codePoint(parseInt(hex, 16));
    const known = predefined[name!];
    if (known !== undefined) return known;
    const declared = scope.entities?.get(name!);
    if (declared === undefined) return match;
    if (declared === null) return "";
    scope.budget.used += declared.length;
    if (scope.budget.used > scope.budget.max) {
      throw new TidingsError(
        "invalid",
        "feed.entity_bomb",
        "refused: the document's entities expand beyond a safe size (an entity bomb)",
      );
    }
    return declared;
  });
}

/** Text content of raw XML: CDATA sections taken literally, references decoded elsewhere. */
export function unwrapXml(raw: string, scope: EntityScope): string {
  let start = raw.indexOf("<![CDATA[");
  if (start === -1) return decodeXml(raw, scope);
  let out = "";
  let i = 0;
  while (start !== -1) {
    out += decodeXml(raw.slice(i, start), scope);
    const end = raw.indexOf("]]>", start + 9);
    if (end === -1) return out + raw.slice(start + 9);
    out += raw.slice(start + 9, end);
    i = end + 3;
    start = raw.indexOf("<![CDATA[", i);
  }
  return out + decodeXml(raw.slice(i), scope);
}

// Matches only runs that need rewriting (single spaces, the common case, are left alone).
const messySpace = /(?:[^\S ]|[\u0000-\u0008\u000e-\u001f\u007f])[\s\u0000-\u001f\u007f]*| [\s\u0000-\u001f\u007f]+/g;

/** Whitespace (and control characters) collapsed to single spaces, trimmed. */
export function collapse(text: string): string {
  return text.replace(messySpace, " ").trim();
}

const dangling = /[\s.,;:!?…-]/;

/** At most `max` characters, cut at a word boundary, with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.lastIndexOf(" ", max - 1);
  if (cut < max / 2) cut = max - 1; // no space in sight: cut the word
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--; // never split a surrogate pair
  // "Chips, memory,…" reads as "Chips, memory…".
  while (cut > 0 && dangling.test(text[cut - 1]!)) cut--;
  return text.slice(0, cut) + "…";
}

// A tag in raw XML; stopping at the next `<` keeps the search linear on hostile input.
const xmlTag = /<[^<>]*>/g;

/**
 * The text content of raw XML, as an XML parser gives it: child elements, comments and
 * processing instructions dropped, CDATA taken literally, references decoded once. What the
 * document escaped (`&lt;div&gt;`) stays text: "<div>".
 */
export function xmlContent(raw: string, scope: EntityScope): string {
  if (raw.indexOf("<") === -1) return decodeXml(raw, scope);
  let out = "";
  let i = 0;
  for (let start = raw.indexOf("<![CDATA[", i); ; start = raw.indexOf("<![CDATA[", i)) {
    out += decodeXml(raw.slice(i, start === -1 ? raw.length : start).replace(xmlTag, ""), scope);
    if (start === -1) return out;
    const end = raw.indexOf("]]>", start + 9);
    if (end === -1) return out + raw.slice(start + 9);
    out += raw.slice(start + 9, end);
    i = end + 3;
  }
}

/** Plain text of a raw XML value that holds no markup (a name, a category). */
export function xmlText(raw: string, scope: EntityScope): string {
  return collapse(unwrapXml(raw, scope));
}

/** A raw XML value that is one token (a URL, a date, a GUID): decoded and trimmed. */
export function xmlValue(raw: string, scope: EntityScope): string {
  return unwrapXml(raw, scope).trim();
}
