/** Atom 1.0 and 0.3 → the normalised feed. */
import { parseDate } from "./dates.ts";
import type { FeedItem, ParsedFeed } from "./feed.ts";
import {
  type Summary,
  authorsOf,
  categoriesOf,
  fallbackId,
  firstImage,
  firstImageOfRaw,
  noSummary,
  summaryMax,
  summaryOf,
  summaryOfRaw,
  urlAttribute,
} from "./item.ts";
import { resolveUrl } from "./links.ts";
import { MediaFields } from "./media.ts";
import { htmlToText, richText } from "./html.ts";
import { type EntityScope, collapse, truncate, xmlContent, xmlText, xmlValue } from "./text.ts";
import type { El } from "./xml.ts";

/** The link a reader follows: `rel="alternate"` (HTML first), else one without a rel. */
function alternate(links: El[], entities: EntityScope, fallbackBase: string | undefined): string | null {
  const alternates = links.filter((l) => (l.attr("rel")?.trim() ?? "alternate") === "alternate");
  const html = alternates.find((l) => /html/i.test(l.attr("type") ?? "text/html"));
  for (const link of [html, ...alternates]) {
    const url = urlAttribute(link, "href", entities, fallbackBase);
    if (url) return url;
  }
  return null;
}

/**
 * Whether a text construct holds markup to strip, or text to keep as written (RFC 4287 §3.1:
 * `type` is text by default, `html` or `xhtml` otherwise; atom:content may name a media type
 * instead, §4.1.3). Atom 0.3 names a media type, `text/plain` by default.
 */
function isMarkup(el: El, ns: string): boolean {
  const type = el.attr("type")?.trim().toLowerCase() || (ns === "atom03" ? "text/plain" : "text");
  if (type === "text") return false;
  if (type === "html" || type === "xhtml" || /html|xml/.test(type)) return true;
  return !type.startsWith("text/"); // text/plain and the like are text; other media are not text at all
}

/** Atom 0.3's base64 mode: the content, decoded. */
const base64Of = (el: El) => (el.attr("mode") === "base64" ? Buffer.from(el.raw, "base64").toString("utf8") : null);

/** A title (or any short construct) as plain text: markup stripped from html/xhtml, text kept. */
function constructText(el: El, feed: Feed): string {
  const decoded = base64Of(el);
  if (isMarkup(el, feed.ns)) return decoded === null ? richText(el.raw, feed.entities) : htmlToText(decoded).text;
  return collapse(decoded ?? xmlContent(el.raw, feed.entities));
}

/** Summary of a text construct, whatever its type (text, html, xhtml; 0.3's escaped, xml, base64). */
function constructSummary(el: El, feed: Feed, base: string | undefined): Summary {
  const decoded = base64Of(el);
  if (!isMarkup(el, feed.ns)) {
    // A whole article may come as text: decode no more of it than the summary shows.
    const raw = el.raw;
    const long = decoded === null && raw.length > summaryMax * 8;
    let text = collapse(decoded ?? xmlContent(long ? raw.slice(0, summaryMax * 8) : raw, feed.entities));
    if (long && text.length < summaryMax) text = collapse(xmlContent(raw, feed.entities));
    return { text: truncate(text, summaryMax), image: null };
  }
  return decoded === null ? summaryOfRaw(el.raw, feed.entities, base) : summaryOf(decoded, base);
}

/** The first picture of a construct: only markup has pictures; in text, `<img>` is words. */
function constructImage(el: El, feed: Feed, base: string | undefined): string | null {
  if (!isMarkup(el, feed.ns)) return null;
  const decoded = base64Of(el);
  return decoded === null ? firstImageOfRaw(el.raw, feed.entities, base) : firstImage(decoded, base);
}

function authorNames(authors: El[], entities: EntityScope): string[] {
  return authors.map((a) => {
    const name = a.children.find((c) => c.name === "name") ?? a.children.find((c) => c.name === "email");
    return name ? xmlText(name.raw, entities) : xmlText(a.raw, entities);
  });
}

// Publication first; the update date only when nothing says when the entry first appeared.
const dateElements = ["published", "issued", "created", "updated", "modified"];

function firstDate(dates: Record<string, El>, entities: EntityScope): string | null {
  for (const name of dateElements) {
    const el = dates[name];
    const parsed = el ? parseDate(xmlValue(el.raw, entities)) : null;
    if (parsed) return parsed;
  }
  return null;
}

interface Feed {
  ns: string;
  authors: string | null;
  entities: EntityScope;
}

function readEntry(entry: El, feed: Feed): FeedItem {
  const { ns, entities } = feed;
  const media = new MediaFields(entities);
  const links: El[] = [];
  const authors: El[] = [];
  const creators: string[] = [];
  const categories: string[] = [];
  const dates: Record<string, El> = {};
  let id: El | undefined,
    title: El | undefined,
    summaryEl: El | undefined,
    content: El | undefined,
    origLink: El | undefined;
  for (const c of entry.children) {
    if (c.ns === ns) {
      if (c.name === "link") (links.push(c), media.offer(c));
      else if (c.name === "id") id ??= c;
      else if (c.name === "title") title ??= c;
      else if (c.name === "summary") summaryEl ??= c;
      else if (c.name === "content") content ??= c;
      else if (c.name === "author") authors.push(c);
      else if (c.name === "category") categories.push(c.attr("label") ?? c.attr("term") ?? c.raw);
      else dates[c.name] ??= c;
    } else if (c.ns === "dc" && c.name === "creator") creators.push(xmlText(c.raw, entities));
    else if (c.ns === "feedburner" && c.name === "origlink") origLink ??= c;
    else if (c.ns === "dc" && c.name === "subject") categories.push(c.raw);
    else media.offer(c);
  }
  // FeedBurner's original link is the article; its alternate, a redirect through FeedBurner.
  const link =
    (origLink && resolveUrl(xmlValue(origLink.raw, entities), origLink.base)) ??
    alternate(links, entities, entry.base) ??
    "";
  const published = firstDate(dates, entities);
  const titleText = title ? constructText(title, feed) : "";
  let summary = summaryEl ? constructSummary(summaryEl, feed, summaryEl.base) : noSummary;
  if (!summary.text && content) summary = constructSummary(content, feed, content.base);
  if (!summary.text && media.description) summary = summaryOfRaw(media.description.raw, entities, undefined);
  const image = media.best() ?? summary.image ?? (content ? constructImage(content, feed, content.base) : null);
  return {
    id: (id && xmlValue(id.raw, entities)) || link || fallbackId(titleText, published, summary.text),
    title: titleText,
    link,
    published,
    author: authorsOf([...authorNames(authors, entities), ...creators]) ?? feed.authors,
    summary: summary.text,
    categories: categoriesOf(categories.map((c) => richText(c, entities))),
    image,
  };
}

/** Reads a `<feed>` root (its namespace, atom or atom03, says which Atom). */
export function readAtom(original: El, entities: EntityScope): ParsedFeed {
  const ns = original.ns;
  let root = original;
  let top = root.children.filter((c) => c.ns === ns);
  let links = top.filter((c) => c.name === "link");
  if (!root.base) {
    // Without the document's URL, its self link (else the site link) is the next best base.
    const self = links.find((l) => l.attr("rel") === "self");
    const base = urlAttribute(self, "href", entities) ?? alternate(links, entities, undefined);
    if (base) {
      root = root.rebase(base);
      top = root.children.filter((c) => c.ns === ns);
      links = top.filter((c) => c.name === "link");
    }
  }
  const title = top.find((c) => c.name === "title");
  const feed: Feed = {
    ns,
    authors: authorsOf(
      authorNames(
        top.filter((c) => c.name === "author"),
        entities,
      ),
    ),
    entities,
  };
  return {
    format: ns === "atom03" || root.attr("version") === "0.3" ? "atom03" : "atom1",
    title: title ? constructText(title, feed) : "",
    link: alternate(links, entities, undefined) ?? "",
    items: top.filter((c) => c.name === "entry").map((entry) => readEntry(entry, feed)),
  };
}
