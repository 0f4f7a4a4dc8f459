/**
 * Namespaces are recognised by URI, never by prefix: `<a:feed xmlns:a="…Atom">` is Atom and
 * `xmlns:media="http://www.rssboard.org/media-rss"` is Media RSS. URIs are compared loosely
 * (scheme, case and a trailing `/` or `#` ignored) because feeds in the wild vary them.
 */

/** Short names for the vocabularies the readers use; "" is RSS's own (no namespace). */
const byUri: Record<string, string> = {
  "backend.userland.com/rss2": "",
  "backend.userland.com/rss": "",
  "purl.org/rss/1.0": "",
  "my.netscape.com/rdf/simple/0.9": "rss090",
  "www.w3.org/2005/atom": "atom",
  "purl.org/atom/ns": "atom03",
  "purl.org/dc/elements/1.1": "dc",
  "purl.org/dc/terms": "dcterms",
  "purl.org/rss/1.0/modules/content": "content",
  "search.yahoo.com/mrss": "media",
  "www.rssboard.org/media-rss": "media",
  "www.itunes.com/dtds/podcast-1.0.dtd": "itunes",
  "www.w3.org/1999/02/22-rdf-syntax-ns": "rdf",
  "www.w3.org/1999/xhtml": "xhtml",
  "purl.oclc.org/net/rss_2.0/enc": "enc",
  "rssnamespace.org/feedburner/ext/1.0": "feedburner",
  "www.pheedo.com/namespace/pheedo": "pheedo",
  "www.w3.org/xml/1998/namespace": "xml",
};

/** What an undeclared prefix most likely meant (feeds forget `xmlns:dc` often enough). */
const conventional: Record<string, string> = {
  "": "",
  atom: "atom",
  content: "content",
  dc: "dc",
  dcterms: "dcterms",
  enc: "enc",
  feedburner: "feedburner",
  itunes: "itunes",
  media: "media",
  rdf: "rdf",
  xml: "xml",
};

/** The short name of a namespace URI, or the normalised URI in braces when unknown. */
export function namespaceOf(uri: string): string {
  const key = uri
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, "")
    .replace(/[/#]+$/, "");
  return byUri[key] ?? `{${key}}`;
}

/** Prefix → namespace short name, inherited down the tree. */
export type Scope = ReadonlyMap<string, string>;

export const rootScope: Scope = new Map([["xml", "xml"]]);

/** The scope inside an element: the parent's, plus the element's own `xmlns` attributes. */
export function scopeWith(parent: Scope, attrs: Record<string, string> | undefined): Scope {
  if (!attrs) return parent;
  let scope: Map<string, string> | undefined;
  for (const key in attrs) {
    if (!key.startsWith("@xmlns")) continue;
    const prefix = key === "@xmlns" ? "" : key.startsWith("@xmlns:") ? key.slice(7) : undefined;
    if (prefix === undefined) continue;
    scope ??= new Map(parent);
    scope.set(prefix, namespaceOf(attrs[key]!));
  }
  return scope ?? parent;
}

/** The namespace of a prefix in a scope. */
export function resolvePrefix(scope: Scope, prefix: string): string {
  return scope.get(prefix) ?? conventional[prefix] ?? `{undeclared:${prefix}}`;
}

/** The prefixes a scope binds to a namespace ("" also when no default namespace is declared). */
export function prefixesOf(scope: Scope, ns: string): string[] {
  const found = [...scope].filter(([, n]) => n === ns).map(([p]) => p);
  if (ns === "" && !scope.has("")) found.push("");
  return found;
}
