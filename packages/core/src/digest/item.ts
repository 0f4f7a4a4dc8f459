/** What a digest is made of: a feed's item, with the feed it came from. */
import type { FeedItem } from "../feed/feed.ts";

export interface DigestItem extends FeedItem {
  /** Stable, opaque id of the stored item; the archive's JSON shows it. */
  key: string;
  /** The feed the item came from (its key in the store). */
  feedKey: string;
  /** The feed's title, shown as the item's source. */
  source: string;
  /** ISO-8601 UTC: every item in a week has a date. */
  published: string;
}
