/** JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1) → the normalised feed. */
import { TidingsError } from "../error.ts";
import { parseDate } from "./dates.ts";
import type { FeedItem, ParsedFeed } from "./feed.ts";
import { authorsOf, categoriesOf, fallbackId, firstImage, isImage, summaryMax, summaryOf } from "./item.ts";
import { resolveUrl } from "./links.ts";
import { htmlToText } from "./html.ts";
import { collapse } from "./text.ts";

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === "string" ? v : typeof v === "number" ? String(v) : "");
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** 1.1's `authors` array, or 1.0's single `author`. */
function authorNames(o: Json): string[] {
  const people = o.authors !== undefined ? list(o.authors) : [o.author];
  return people.filter(isObject).map((p) => str(p.name));
}

function readItem(o: Json, base: string | undefined, feedAuthors: string | null): FeedItem {
  const link = resolveUrl(str(o.url), base) ?? resolveUrl(str(o.external_url), base) ?? "";
  const published = parseDate(str(o.date_published)) ?? parseDate(str(o.date_modified));
  const title = htmlToText(str(o.title)).text;
  const html = str(o.content_html);
  const plain = str(o.summary).trim() || str(o.content_text).trim();
  const summary = plain ? htmlToText(plain, false, summaryMax).text : summaryOf(html, base).text;
  const attachment = list(o.attachments)
    .filter(isObject)
    .find((a) => isImage(str(a.mime_type), str(a.url)));
  const image =
    resolveUrl(str(o.image), base) ??
    resolveUrl(str(o.banner_image), base) ??
    resolveUrl(str(attachment?.url), base) ??
    (html ? firstImage(html, base) : null);
  return {
    id: collapse(str(o.id)) || link || fallbackId(title, published, summary),
    title,
    link,
    published,
    author: authorsOf(authorNames(o)) ?? feedAuthors,
    summary,
    categories: categoriesOf(list(o.tags).map(str)),
    image,
  };
}

/** True when parsed JSON is a JSON Feed (by its version URL, or failing that by its shape). */
export function isJsonFeed(doc: unknown): doc is Json {
  if (!isObject(doc)) return false;
  const version = str(doc.version);
  return version.startsWith("https://jsonfeed.org/version/") || (version === "" && Array.isArray(doc.items));
}

/** Reads a JSON Feed document; `url` is where it came from (for relative URLs). */
export function readJsonFeed(text: string, url: string | undefined): ParsedFeed {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new TidingsError("invalid", "feed.malformed", `malformed JSON: ${(e as Error).message}`, { cause: e });
  }
  if (!isJsonFeed(doc)) throw new TidingsError("invalid", "feed.not_a_feed", "not a feed: JSON, but not a JSON Feed");
  const base = resolveUrl(str(doc.feed_url), url) ?? url;
  const link = resolveUrl(str(doc.home_page_url), base) ?? "";
  const authors = authorsOf(authorNames(doc));
  return {
    format: "json",
    title: htmlToText(str(doc.title)).text,
    link,
    items: list(doc.items)
      .filter(isObject)
      .map((item) => readItem(item, base, authors)),
  };
}
