/**
 * The parser's front door: bytes (or text) in, the normalised feed out — or a TidingsError
 * that says what the input is instead: not a feed (an HTML page, an empty body, another
 * document), malformed, too large, or an entity bomb.
 */
import { TidingsError } from "../error.ts";
import { readAtom } from "./atom.ts";
import { decodeFeedBytes } from "./decode.ts";
import type { Prolog } from "./doctype.ts";
import type { ParsedFeed } from "./feed.ts";
import { readJsonFeed } from "./json-feed.ts";
import { isHttp } from "./links.ts";
import { readRss } from "./rss.ts";
import { parseXml } from "./xml.ts";

export interface ParseOptions {
  /** Where the document came from: the base of relative links (ignored unless http(s)). */
  url?: string | undefined;
  /** The HTTP Content-Type, for its charset. */
  contentType?: string | undefined;
  /** Refuse bodies larger than this (default 20 MiB). */
  maxBytes?: number | undefined;
}

export const defaultMaxBytes = 20 * 1024 * 1024;

export const feedTooLarge = (max: number) =>
  new TidingsError("too_large", "feed.too_large", `refused: the feed is larger than ${Math.round(max / 1048576)} MiB`);

const notAFeed = (why: string) => new TidingsError("invalid", "feed.not_a_feed", `not a feed: ${why}`);

/** Refuses, before any parsing, a document whose root says it is no feed. */
function checkRoot({ rootName, doctype }: Prolog): void {
  const local = rootName.slice(rootName.indexOf(":") + 1).toLowerCase();
  if (doctype === "html" || local === "html" || local === "head" || local === "body") {
    throw notAFeed("the document is an HTML page");
  }
  if (!rootName) throw notAFeed("the document has no root element");
  if (local !== "rss" && local !== "rdf" && local !== "feed") throw notAFeed(`unknown root element <${rootName}>`);
}

/**
 * Parses RSS 2.0 / 0.9x / 1.0, Atom 1.0 / 0.3 or JSON Feed 1.0 / 1.1.
 *
 * @example parseFeed(readFileSync("feed.xml"), { url: "https://example.com/feed.xml" }).items[0].title
 */
export function parseFeed(input: Uint8Array | string, options: ParseOptions = {}): ParsedFeed {
  const max = options.maxBytes ?? defaultMaxBytes;
  const size = typeof input === "string" ? input.length : input.byteLength;
  if (size > max) throw feedTooLarge(max);
  const text = typeof input === "string" ? input.replace(/^\uFEFF/, "") : decodeFeedBytes(input, options.contentType);
  const start = text.search(/\S/);
  if (start === -1) throw notAFeed("the body is empty");
  const url = options.url && isHttp(options.url) ? options.url : undefined;

  if (text[start] === "{") return readJsonFeed(text, url);
  if (text[start] !== "<") throw notAFeed("the body is neither XML nor JSON");

  const doc = parseXml(text, url, checkRoot);
  const { root } = doc;
  if (root.name === "rss" || (root.name === "rdf" && root.ns === "rdf")) {
    const feed = readRss(root, doc.entities);
    if (root.name === "rdf" && !feed.title && feed.items.length === 0)
      throw notAFeed("an RDF document without an RSS channel");
    return feed;
  }
  if (root.name === "feed" && (root.ns === "atom" || root.ns === "atom03" || root.ns === ""))
    return readAtom(root, doc.entities);
  throw notAFeed(`unknown root element <${root.name}> in namespace ${root.ns || "(none)"}`);
}
