/** RSS 2.0, 0.91/0.92 and RSS 1.0 / 0.90 (RDF) → the normalised feed. */
import { parseDate } from "./dates.ts";
import type { FeedFormat, FeedItem, ParsedFeed } from "./feed.ts";
import { authorsOf, categoriesOf, fallbackId, firstImageOfRaw, noSummary, summaryOfRaw, urlAttribute } from "./item.ts";
import { isHttpUrl, resolveUrl } from "./links.ts";
import { MediaFields } from "./media.ts";
import { richText } from "./html.ts";
import { type EntityScope, xmlText, xmlValue } from "./text.ts";
import type { El } from "./xml.ts";

/** What an item says, before normalisation: the first element of each kind. */
interface Fields {
  title?: El;
  link?: El;
  origLink?: El;
  atomLink?: El;
  guid?: El;
  description?: El;
  encoded?: El;
  pubDate?: El;
  dcDate?: El;
  updated?: El;
  authors: El[];
  categories: El[];
}

function collect(item: El, core: string, media: MediaFields): Fields {
  const f: Fields = { authors: [], categories: [] };
  for (const c of item.children) {
    const { ns, name } = c;
    if (ns === core) {
      if (name === "title") f.title ??= c;
      else if (name === "link") f.link ??= c;
      else if (name === "guid") f.guid ??= c;
      else if (name === "description") f.description ??= c;
      else if (name === "pubdate") f.pubDate ??= c;
      else if (name === "author") f.authors.push(c);
      else if (name === "category") f.categories.push(c);
      else media.offer(c);
    } else if (ns === "dc") {
      if (name === "creator") f.authors.push(c);
      else if (name === "date") f.dcDate ??= c;
      else if (name === "subject") f.categories.push(c);
      else if (name === "title") f.title ??= c;
      else if (name === "description") f.description ??= c;
    } else if (ns === "content" && name === "encoded") f.encoded ??= c;
    else if (ns === "atom" && name === "link" && (c.attr("rel") ?? "alternate") === "alternate") f.atomLink ??= c;
    else if ((ns === "atom" || ns === "dcterms") && (name === "updated" || name === "modified")) f.updated ??= c;
    else if ((ns === "feedburner" || ns === "pheedo") && name === "origlink") f.origLink ??= c;
    else media.offer(c);
  }
  return f;
}

interface Channel {
  authors: string | null;
  entities: EntityScope;
}

const text = (el: El | undefined, entities: EntityScope) => (el ? xmlText(el.raw, entities) : "");
const value = (el: El | undefined, entities: EntityScope) => (el ? xmlValue(el.raw, entities) : "");

function readItem(item: El, core: string, channel: Channel): FeedItem {
  const { entities } = channel;
  const media = new MediaFields(entities);
  const f = collect(item, core, media);

  const guid = value(f.guid, entities);
  const link =
    resolveUrl(value(f.origLink, entities), f.origLink?.base) ??
    resolveUrl(value(f.link, entities), f.link?.base) ??
    urlAttribute(f.atomLink, "href", entities) ??
    (f.guid?.attr("isPermaLink")?.toLowerCase() !== "false" && isHttpUrl(guid) ? resolveUrl(guid, undefined) : null) ??
    "";
  const published =
    parseDate(value(f.pubDate, entities)) ??
    parseDate(value(f.dcDate, entities)) ??
    parseDate(value(f.updated, entities));
  const title = f.title ? richText(f.title.raw, entities) : "";

  // The description is the summary; the full content stands in when there is none.
  let summary = f.description ? summaryOfRaw(f.description.raw, entities, f.description.base) : noSummary;
  if (!summary.text && f.encoded) summary = summaryOfRaw(f.encoded.raw, entities, f.encoded.base);
  if (!summary.text && media.description) summary = summaryOfRaw(media.description.raw, entities, undefined);
  const image =
    media.best() ?? summary.image ?? (f.encoded ? firstImageOfRaw(f.encoded.raw, entities, f.encoded.base) : null);

  const id = guid || link || item.attr("rdf:about")?.trim() || fallbackId(title, published, summary.text);
  const authors: string[] = [];
  for (const a of f.authors) authors.push(text(a, entities));
  const categories: string[] = [];
  for (const c of f.categories) categories.push(richText(c.raw, entities));
  return {
    id,
    title,
    link,
    published,
    author: authorsOf(authors) ?? channel.authors,
    summary: summary.text,
    categories: categoriesOf(categories),
    image,
  };
}

function channelAuthors(channel: El, entities: EntityScope): string | null {
  const names = channel.children
    .filter((c) => (c.ns === "dc" && c.name === "creator") || (c.ns === "itunes" && c.name === "author"))
    .map((c) => xmlText(c.raw, entities));
  return authorsOf(names);
}

/** The channel's (or an RDF root's) children, read against a base URL when the feed names none. */
function channelOf(root: El, rdf: boolean, entities: EntityScope): { channel: El | undefined; root: El } {
  const find = (r: El) => r.children.find((c) => c.name === "channel" && (!rdf || c.ns === "" || c.ns === "rss090"));
  const channel = find(root);
  if (root.base || !channel) return { channel, root };
  // Without the document's URL, its self link (else the site link) is the next best base.
  const self = channel.children.find((c) => c.ns === "atom" && c.name === "link" && c.attr("rel") === "self");
  const link = channel.children.find((c) => c.ns === channel.ns && c.name === "link");
  const base = urlAttribute(self, "href", entities) ?? resolveUrl(link && xmlValue(link.raw, entities), undefined);
  if (!base) return { channel, root };
  const rebased = root.rebase(base);
  return { channel: find(rebased), root: rebased };
}

/** Reads an `<rss>` or `<rdf:RDF>` root. */
export function readRss(original: El, entities: EntityScope): ParsedFeed {
  const rdf = original.ns === "rdf";
  const { channel, root } = channelOf(original, rdf, entities);
  const core = channel?.ns ?? (rdf ? "" : root.ns);
  const top = root.children;
  const inChannel = channel?.children ?? [];
  const items = [...(rdf ? top : []), ...inChannel].filter((c) => c.name === "item" && c.ns === core);
  if (!rdf && items.length === 0) items.push(...top.filter((c) => c.name === "item" && c.ns === core));

  const linkEl = inChannel.find((c) => c.ns === core && c.name === "link");
  const atomLink = inChannel.find((c) => c.ns === "atom" && c.name === "link" && c.attr("rel") === "alternate");
  const link =
    resolveUrl(linkEl && xmlValue(linkEl.raw, entities), linkEl?.base) ??
    urlAttribute(atomLink, "href", entities) ??
    "";
  const titleEl = inChannel.find((c) => c.ns === core && c.name === "title");
  const context: Channel = { authors: channel ? channelAuthors(channel, entities) : null, entities };

  let format: FeedFormat = "rss2";
  if (rdf) format = core === "rss090" ? "rss09" : "rss1";
  else if (/^0\.9/.test(root.attr("version")?.trim() ?? "")) format = "rss09";
  return {
    format,
    title: titleEl ? richText(titleEl.raw, entities) : "",
    link,
    items: items.map((item) => readItem(item, core, context)),
  };
}
