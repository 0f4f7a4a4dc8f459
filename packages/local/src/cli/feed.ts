/**
 * `npm run feed -- URL_OR_FILE [--json]`: how a feed parses, without storing anything (no
 * local stack needed). A readable listing, or with `--json` exactly the normalised object of
 * DESIGN.md. A source that is not a usable feed exits 1 with a one-line reason.
 */
import { parseArgs } from "node:util";
import { config } from "@tidings/core/config";
import { isTidingsError } from "@tidings/core/error";
import type { FeedFormat, ParsedFeed } from "@tidings/core/feed/feed";
import { fetchFeed, userAgent } from "@tidings/core/feed/fetch";
import { parseFeed } from "@tidings/core/feed/parse";
import { truncate } from "@tidings/core/feed/text";

const usage = "usage: npm run feed -- URL_OR_FILE [--json]";

function fail(message: string): never {
  process.stderr.write(`npm run feed: ${message}\n`);
  process.exit(1);
}

const formats: Record<FeedFormat, string> = {
  rss2: "RSS 2.0",
  rss1: "RSS 1.0",
  rss09: "RSS 0.9x",
  atom1: "Atom 1.0",
  atom03: "Atom 0.3",
  json: "JSON Feed",
};

function listing(feed: ParsedFeed): string {
  const lines = [`${feed.title || "(untitled)"} — ${formats[feed.format]}, ${feed.items.length} items`];
  if (feed.link) lines.push(feed.link);
  feed.items.forEach((item, i) => {
    const when = item.published ? item.published.slice(0, 16).replace("T", " ") + " UTC" : "no date";
    lines.push("", `${i + 1}. ${item.title || "(untitled)"}`, `   ${[when, item.author].filter(Boolean).join(" · ")}`);
    if (item.link) lines.push(`   ${item.link}`);
    if (item.image) lines.push(`   image: ${item.image}`);
    if (item.categories.length) lines.push(`   categories: ${item.categories.join(", ")}`);
    if (item.summary) lines.push(`   ${truncate(item.summary, 240)}`);
  });
  return lines.join("\n") + "\n";
}

let source: string;
let json: boolean;
try {
  const { values, positionals } = parseArgs({
    options: { json: { type: "boolean", default: false } },
    allowPositionals: true,
  });
  if (positionals.length !== 1) throw new Error(positionals.length ? "one source at a time" : "which feed?");
  [source] = positionals as [string];
  json = values.json;
} catch (e) {
  fail(`${(e as Error).message}\n${usage}`);
}

try {
  const fetched = await fetchFeed(source, { userAgent: userAgent(config().publicUrl) });
  if (fetched.status === "gone") fail(`${source} is gone (HTTP 410): the publisher removed this feed`);
  if (fetched.status !== "ok") fail(`${source} answered "not modified" to a request that had no validators`);
  const feed = parseFeed(fetched.body, { url: fetched.url, contentType: fetched.contentType });
  process.stdout.write(json ? JSON.stringify(feed, null, 2) + "\n" : listing(feed));
  if (fetched.movedTo) process.stderr.write(`note: ${source} has moved permanently to ${fetched.movedTo}\n`);
} catch (e) {
  // A TidingsError says what is wrong with the input; anything else is still one line, no stack.
  fail(isTidingsError(e) ? e.message : `unexpected error: ${(e as Error).message}`);
}
