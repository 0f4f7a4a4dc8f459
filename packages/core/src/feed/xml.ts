/**
 * XML → a light element tree, on fast-xml-parser. Settings chosen for safety and speed:
 * the prolog (and so any DOCTYPE) is cut off before the parser sees the document, entities
 * are left alone (the readers decode the few values they keep, under `EntityScope` limits),
 * and text-bearing elements are "stop nodes", taken raw in one slice instead of character
 * by character — the HTML inside a description is never parsed as XML at all.
 */
import { XMLParser } from "fast-xml-parser";
import { TidingsError } from "../error.ts";
import { type Prolog, readProlog } from "./doctype.ts";
import { resolveUrl } from "./links.ts";
import { type Scope, prefixesOf, resolvePrefix, rootScope, scopeWith } from "./namespaces.ts";
import type { EntityScope } from "./text.ts";

type Attrs = Record<string, string>;
/** A node as fast-xml-parser's `preserveOrder` output has it. */
type Node = Record<string, unknown> & { ":@"?: Attrs };

/** One element: its namespace (short name, see namespaces.ts), local name (lower case) and children. */
export class El {
  constructor(
    readonly ns: string,
    readonly name: string,
    readonly attrs: Attrs | undefined,
    private readonly nodes: Node[],
    readonly scope: Scope,
    /** The `xml:base` in force, resolved (undefined: the document's URL). */
    readonly base: string | undefined,
  ) {}

  /** An attribute's raw value (entities still encoded). */
  attr(name: string): string | undefined {
    return this.attrs?.["@" + name];
  }

  private kids: El[] | undefined;

  /** Child elements, in document order. */
  get children(): El[] {
    if (this.kids) return this.kids;
    const out: El[] = [];
    for (const node of this.nodes) {
      const tag = tagOf(node);
      if (tag !== undefined) out.push(element(tag, node, this.scope, this.base));
    }
    return (this.kids = out);
  }

  /** The same element under another base URL (a feed's self link when its URL is unknown). */
  rebase(base: string): El {
    const own = this.attr("xml:base");
    return new El(this.ns, this.name, this.attrs, this.nodes, this.scope, (own && resolveUrl(own, base, true)) || base);
  }

  /** The raw text inside: CDATA kept as `<![CDATA[…]]>`, entities undecoded, child tags dropped. */
  get raw(): string {
    const first = this.nodes[0];
    if (this.nodes.length === 1 && first && typeof first["#text"] === "string") return first["#text"];
    return rawText(this.nodes);
  }
}

function tagOf(node: Node): string | undefined {
  for (const key in node) if (key !== ":@" && key !== "#text" && key !== "#cdata") return key;
  return undefined;
}

function rawText(nodes: Node[]): string {
  let out = "";
  for (const node of nodes) {
    if (typeof node["#text"] === "string") out += node["#text"];
    else if (Array.isArray(node["#cdata"])) out += `<![CDATA[${rawText(node["#cdata"] as Node[])}]]>`;
    else {
      const tag = tagOf(node);
      if (tag !== undefined) out += rawText(node[tag] as Node[]);
    }
  }
  return out;
}

// Tag → [namespace, local name] under a scope: a feed repeats the same few tags thousands of times.
const names = new WeakMap<Scope, Map<string, [string, string]>>();

function nameOf(tag: string, scope: Scope): [string, string] {
  let cache = names.get(scope);
  if (!cache) names.set(scope, (cache = new Map()));
  let found = cache.get(tag);
  if (!found) {
    const colon = tag.indexOf(":");
    const ns = resolvePrefix(scope, colon === -1 ? "" : tag.slice(0, colon));
    cache.set(tag, (found = [ns, (colon === -1 ? tag : tag.slice(colon + 1)).toLowerCase()]));
  }
  return found;
}

function element(tag: string, node: Node, parentScope: Scope, parentBase: string | undefined): El {
  const attrs = node[":@"];
  const scope = attrs ? scopeWith(parentScope, attrs) : parentScope;
  const [ns, name] = nameOf(tag, scope);
  const xmlBase = attrs?.["@xml:base"];
  const base = xmlBase ? (resolveUrl(xmlBase, parentBase, true) ?? parentBase) : parentBase;
  return new El(ns, name, attrs, node[tag] as Node[], scope, base);
}

/** Elements whose content the readers take as text, by kind of document and namespace. */
const textElements: Record<"rss" | "atom", Record<string, string[]>> = {
  rss: {
    "": ["title", "description", "link", "guid", "pubDate", "pubdate", "author", "category", "comments"],
    rss090: ["title", "description", "link"],
    content: ["encoded"],
    dc: ["creator", "date", "subject", "title", "description"],
    itunes: ["summary", "subtitle", "author"],
    feedburner: ["origLink"],
    pheedo: ["origLink"],
  },
  atom: {
    atom: [
      "title",
      "subtitle",
      "summary",
      "content",
      "id",
      "published",
      "updated",
      "link",
      "category",
      "name",
      "email",
      "uri",
    ],
    atom03: [
      "title",
      "tagline",
      "summary",
      "content",
      "id",
      "issued",
      "modified",
      "created",
      "link",
      "name",
      "email",
      "url",
    ],
    dc: ["creator", "date", "subject"],
    feedburner: ["origLink"],
  },
};

const safePrefix = /^[A-Za-z_][\w-]*$/;
const parsers = new Map<string, XMLParser>();

/**
 * A parser whose stop nodes are this document's text elements, under the prefixes its root
 * binds. (Elements under other prefixes are still read, only less quickly.)
 */
function parserFor(scope: Scope, kind: "rss" | "atom"): XMLParser {
  const stopNodes: string[] = [];
  for (const [ns, names] of Object.entries(textElements[kind])) {
    for (const prefix of prefixesOf(scope, ns)) {
      if (prefix && !safePrefix.test(prefix)) continue;
      for (const name of names) stopNodes.push(`..${prefix ? prefix + ":" : ""}${name}`);
    }
  }
  const key = stopNodes.join(" ");
  let parser = parsers.get(key);
  if (!parser) {
    if (parsers.size > 64) parsers.clear();
    parser = new XMLParser({
      preserveOrder: true,
      ignoreAttributes: false,
      attributeNamePrefix: "@",
      cdataPropName: "#cdata",
      processEntities: false,
      htmlEntities: false,
      parseTagValue: false,
      parseAttributeValue: false,
      trimValues: true,
      ignoreDeclaration: true,
      ignorePiTags: true,
      jPath: false,
      maxNestedTags: 200,
      stopNodes,
    });
    parsers.set(key, parser);
  }
  return parser;
}

/** The root start tag's attributes, read from the text (before parsing, to pick the parser). */
function rootAttributes(xml: string, start: number): Attrs {
  const end = xml.indexOf(">", start);
  const tag = xml.slice(start, end === -1 ? Math.min(xml.length, start + 65536) : end);
  const attrs: Attrs = {};
  for (const m of tag.matchAll(/([^\s=<>/"']+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attrs["@" + m[1]] = m[2] ?? m[3] ?? "";
  return attrs;
}

export interface XmlDocument {
  root: El;
  /** The DOCTYPE's root name, lower-cased, if the document has one. */
  doctype: string | undefined;
  entities: EntityScope;
}

/**
 * Parses an XML document. `check` sees the prolog (root name, DOCTYPE) first and may throw,
 * so that an HTML page is refused before it is parsed as XML.
 */
export function parseXml(xml: string, baseUrl: string | undefined, check: (prolog: Prolog) => void): XmlDocument {
  const prolog = readProlog(xml);
  check(prolog);
  const scope = scopeWith(rootScope, rootAttributes(xml, prolog.rootStart));
  let nodes: Node[];
  try {
    const kind = /(^|:)feed$/i.test(prolog.rootName) ? "atom" : "rss";
    nodes = parserFor(scope, kind).parse(xml.slice(prolog.rootStart)) as Node[];
  } catch (e) {
    throw new TidingsError("invalid", "feed.malformed", `malformed XML: ${(e as Error).message}`, { cause: e });
  }
  const node = nodes.find((n) => tagOf(n) !== undefined);
  if (!node) throw new TidingsError("invalid", "feed.malformed", "malformed XML: no root element");
  const entities: EntityScope = {
    entities: prolog.entities,
    budget: { used: 0, max: Math.max(1 << 20, xml.length) },
  };
  return { root: element(tagOf(node)!, node, rootScope, baseUrl), doctype: prolog.doctype, entities };
}
