/** A feed as Tidings understands it, whatever format it came in. */
export type FeedFormat = "rss2" | "rss1" | "rss09" | "atom1" | "atom03" | "json";

/** One normalised entry of a feed (the shape `npm run feed -- FILE --json` prints). */
export interface FeedItem {
  /** guid / atom:id; else the link; else a stable hash of title and date. */
  id: string;
  /**
   * Plain text: entities decoded, markup stripped, whitespace collapsed. An Atom text construct
   * (`type="text"`, the default) is text already: `Why &lt;div&gt; soup?` reads "Why <div> soup?".
   */
  title: string;
  /** Absolute http(s) URL, or "" when the item has none. */
  link: string;
  /** ISO-8601 UTC, or null when absent or invalid. */
  published: string | null;
  author: string | null;
  /** Plain text: markup stripped (an Atom text construct kept as written), like the title. */
  summary: string;
  categories: string[];
  /** Absolute http(s) URL of the item's picture, or null. */
  image: string | null;
}

export interface ParsedFeed {
  format: FeedFormat;
  title: string;
  link: string;
  items: FeedItem[];
}
