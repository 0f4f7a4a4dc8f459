/**
 * The document prolog: XML declaration, processing instructions, comments and the DOCTYPE,
 * read by hand so that fast-xml-parser never sees a DOCTYPE. Internal entities are expanded
 * here, once, under hard limits (a billion-laughs or quadratic-blowup document fails fast);
 * external entities (SYSTEM / PUBLIC) are recorded as such and never resolved; parameter
 * entities are never expanded.
 */
import { TidingsError } from "../error.ts";

export interface Prolog {
  /** Index of the root element's `<`, or -1 when none follows the prolog. */
  rootStart: number;
  /** The root element's name as written (`rss`, `rdf:RDF`, `a:feed`). */
  rootName: string;
  /** The DOCTYPE's root name, lower-cased (`html` gives an HTML page away). */
  doctype: string | undefined;
  /** General entities: expanded value, or null for an external entity. */
  entities: Map<string, string | null> | undefined;
}

export const limits = {
  doctypeChars: 256 * 1024,
  entityCount: 1000,
  entityChars: 64 * 1024,
  allEntityChars: 1024 * 1024,
  depth: 16,
};

const bomb = (why: string, cause?: unknown) =>
  new TidingsError("invalid", "feed.entity_bomb", `refused: ${why} (an entity bomb); no feed needs that`, { cause });
const malformed = (why: string) => new TidingsError("invalid", "feed.malformed", `malformed XML: ${why}`);

const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

function skipSpace(s: string, i: number): number {
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  return i;
}

/** Index just past `close`, searching from `from`; throws when missing. */
function past(s: string, close: string, from: number, what: string): number {
  const end = s.indexOf(close, from);
  if (end === -1) throw malformed(`${what} is not closed`);
  return end + close.length;
}

function readName(s: string, i: number): string {
  let j = i;
  while (j < s.length && !isSpace(s.charCodeAt(j)) && !"\"'>[%;".includes(s[j]!)) j++;
  return s.slice(i, j);
}

/** A quoted literal starting at `i`: [value, index past the closing quote]. */
function readLiteral(s: string, i: number): [string, number] {
  const quote = s[i];
  if (quote !== '"' && quote !== "'") throw malformed("a DOCTYPE declaration lacks a quoted value");
  const end = s.indexOf(quote, i + 1);
  if (end === -1) throw malformed("a DOCTYPE literal is not closed");
  return [s.slice(i + 1, end), end + 1];
}

/** Skips a markup declaration (`<!ELEMENT …>`), quotes honoured. */
function skipDeclaration(s: string, i: number): number {
  for (; i < s.length; i++) {
    const c = s[i];
    if (c === ">") return i + 1;
    if (c === '"' || c === "'") i = readLiteral(s, i)[1] - 1;
  }
  throw malformed("a DOCTYPE declaration is not closed");
}

type Raw = Map<string, string | null>;

function readEntity(s: string, i: number, raw: Raw): number {
  i = skipSpace(s, i + "<!ENTITY".length);
  const parameter = s[i] === "%";
  if (parameter) i = skipSpace(s, i + 1);
  const name = readName(s, i);
  if (!name) throw malformed("an ENTITY declaration has no name");
  i = skipSpace(s, i + name.length);
  let value: string | null = null;
  if (s[i] === '"' || s[i] === "'") {
    [value, i] = readLiteral(s, i);
    if (value.length > limits.entityChars) throw bomb(`entity "${name}" is ${value.length} characters long`);
  }
  i = skipDeclaration(s, i); // SYSTEM / PUBLIC literals, NDATA: read past, never fetched
  if (!parameter && !raw.has(name)) raw.set(name, value);
  if (raw.size > limits.entityCount) throw bomb(`the DOCTYPE declares more than ${limits.entityCount} entities`);
  return i;
}

/** Reads the internal subset from `i` (just past `[`); returns the index past `]`. */
function readSubset(s: string, i: number, raw: Raw): number {
  for (;;) {
    i = skipSpace(s, i);
    if (i >= s.length) throw malformed("the DOCTYPE is not closed");
    if (s[i] === "]") return i + 1;
    if (s.startsWith("<!--", i)) i = past(s, "-->", i + 4, "a comment");
    else if (s.startsWith("<?", i)) i = past(s, "?>", i + 2, "a processing instruction");
    else if (s.startsWith("<!ENTITY", i)) i = readEntity(s, i, raw);
    else if (s.startsWith("<!", i)) i = skipDeclaration(s, i);
    else if (s[i] === "%") i = past(s, ";", i, "a parameter entity reference");
    else throw malformed(`unexpected "${s.slice(i, i + 20)}" in the DOCTYPE`);
  }
}

const reference = /&(#\d{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z_][\w.-]*);/g;
const predefined: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function character(ref: string): string {
  const n = ref[1] === "x" ? parseInt(ref.slice(2), 16) : Number(ref.slice(1));
  return n > 0 && n <= 0x10ffff && !(n >= 0xd800 && n <= 0xdfff) ? String.fromCodePoint(n) : "\ufffd";
}

/** Expands every internal entity under the limits: no cycles, bounded depth and size. */
function expandAll(raw: Raw): Map<string, string | null> {
  const done = new Map<string, string | null>();
  let total = 0;
  const expand = (name: string, depth: number, path: Set<string>): string | null => {
    const known = done.get(name);
    if (known !== undefined) return known;
    const value = raw.get(name);
    if (value === null || value === undefined) return null;
    if (path.has(name)) throw bomb(`entity "${name}" refers to itself`);
    if (depth > limits.depth) throw bomb(`entities nest deeper than ${limits.depth} levels`);
    path.add(name);
    let length = 0;
    const expanded = value.replace(reference, (match, ref: string) => {
      const inner = ref.startsWith("#")
        ? character(ref)
        : (predefined[ref] ?? (raw.has(ref) ? (expand(ref, depth + 1, path) ?? "") : match));
      length += inner.length;
      if (length > limits.entityChars) throw bomb(`entity "${name}" expands beyond ${limits.entityChars} characters`);
      return inner;
    });
    path.delete(name);
    total += expanded.length;
    if (total > limits.allEntityChars)
      throw bomb(`the DOCTYPE's entities expand beyond ${limits.allEntityChars} characters`);
    done.set(name, expanded);
    return expanded;
  };
  for (const name of raw.keys()) if (raw.get(name) === null) done.set(name, null);
  for (const name of raw.keys()) expand(name, 0, new Set());
  return done;
}

/** Reads `<!DOCTYPE …>` at `i`; returns its root name, entities and the index past it. */
function readDoctype(s: string, i: number): { name: string; entities: Raw | undefined; end: number } {
  i = skipSpace(s, i + "<!DOCTYPE".length);
  const name = readName(s, i);
  const raw: Raw = new Map();
  for (i += name.length; i < s.length; i++) {
    const c = s[i];
    if (c === ">") break;
    if (c === '"' || c === "'") i = readLiteral(s, i)[1] - 1;
    else if (c === "[") i = readSubset(s, i + 1, raw) - 1;
  }
  if (i >= s.length) throw malformed("the DOCTYPE is not closed");
  return { name: name.toLowerCase(), entities: raw.size ? expandAll(raw) : undefined, end: i + 1 };
}

/** Reads everything before the root element. */
export function readProlog(s: string): Prolog {
  let doctype: string | undefined;
  let entities: Prolog["entities"];
  let i = 0;
  for (;;) {
    i = skipSpace(s, i);
    if (s.charCodeAt(i) === 0xfeff) i = skipSpace(s, i + 1);
    if (s[i] !== "<") return { rootStart: -1, rootName: "", doctype, entities };
    if (s.startsWith("<?", i)) i = past(s, "?>", i + 2, "a processing instruction");
    else if (s.startsWith("<!--", i)) i = past(s, "-->", i + 4, "a comment");
    else if (/^<!doctype/i.test(s.slice(i, i + 9))) {
      const window = s.slice(0, i + limits.doctypeChars);
      let d: ReturnType<typeof readDoctype>;
      try {
        d = readDoctype(window, i);
      } catch (e) {
        // Cut short by the window: the DOCTYPE itself is the attack.
        if (window.length < s.length && e instanceof TidingsError && e.code === "feed.malformed") {
          throw bomb(`the DOCTYPE is longer than ${limits.doctypeChars} characters`, e);
        }
        throw e;
      }
      doctype = d.name;
      entities = d.entities;
      i = d.end;
    } else {
      const name = readName(s, i + 1).replace(/\/$/, "");
      return { rootStart: name ? i : -1, rootName: name, doctype, entities };
    }
  }
}
