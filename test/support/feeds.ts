/** The feed fixtures (copied byte-exact from shared/feeds; see corpus/SOURCES.md). */
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { TidingsError } from "@tidings/core/error";
import type { FeedItem, ParsedFeed } from "@tidings/core/feed/feed";
import { parseFeed } from "@tidings/core/feed/parse";

export const feedsDir = fileURLToPath(new URL("../fixtures/feeds/", import.meta.url));
export const corpusDir = feedsDir + "corpus/";

export const corpusFiles = (): string[] => readdirSync(corpusDir).filter((f) => f !== "SOURCES.md");
export const corpusBytes = (name: string): Buffer => readFileSync(corpusDir + name);
export const seedBytes = (): Buffer => readFileSync(feedsDir + "scmp-semiconductors.xml");

export function parseCorpus(name: string, url?: string): ParsedFeed {
  return parseFeed(corpusBytes(name), { url });
}

/** The item whose title (or, failing that, id) is `key`. */
export function itemNamed(feed: ParsedFeed, key: string): FeedItem {
  const found = feed.items.find((i) => i.title === key) ?? feed.items.find((i) => i.id === key);
  if (!found) throw new Error(`no item "${key}" among ${feed.items.length}`);
  return found;
}

/** The TidingsError a parse throws (fails the test when it does not throw one). */
export function parseError(input: Uint8Array | string, url?: string): TidingsError {
  try {
    parseFeed(input, { url });
  } catch (e) {
    if (e instanceof TidingsError) return e;
    throw e;
  }
  throw new Error("expected the parse to fail");
}

/** The TidingsError a promise rejects with (fails the test when it resolves or rejects otherwise). */
export async function rejection(p: Promise<unknown>): Promise<TidingsError> {
  const e = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(e).toBeInstanceOf(TidingsError);
  return e as TidingsError;
}
