/**
 * One ingest run: every configured feed fetched (conditionally), parsed and stored, a few at a
 * time. A feed's failure is recorded on that feed (its last error, a growing backoff) and
 * never stops the others; a 410 disables the feed; a permanent redirect updates its URL. A
 * storage fault stops the run: no feed is to blame for it.
 */
import type { Context } from "../context.ts";
import { isTidingsError } from "../error.ts";
import { mapLimit } from "../async/map-limit.ts";
import { type FeedState, getFeedState, putFeedState } from "../store/feeds.ts";
import { storeFeedItems } from "../store/items.ts";
import type { ParsedFeed } from "./feed.ts";
import { fetchFeed, userAgent, type FetchResult } from "./fetch.ts";
import { parseFeed } from "./parse.ts";

export type FeedStatus = "ingested" | "not_modified" | "failed" | "backing_off" | "disabled" | "gone";

export interface FeedResult {
  source: string;
  /** Where it was fetched from (after this run's permanent redirects). */
  url: string;
  title: string | undefined;
  status: FeedStatus;
  new: number;
  updated: number;
  unchanged: number;
  /** Why it failed, is backing off, or is disabled. */
  error?: string | undefined;
  /** Set when the feed moved permanently during this run. */
  movedTo?: string | undefined;
  nextAttemptAt?: string | undefined;
}

export interface IngestSummary {
  feeds: FeedResult[];
  new: number;
  updated: number;
  unchanged: number;
  failed: number;
}

export interface IngestOptions {
  /** Fetch even a feed that is backing off or disabled (an explicit `--feed`). */
  force?: boolean;
  now?: () => Date;
}

const parallel = 4;
const hour = 3_600_000;

/** 1, 2, 4 … hours after consecutive failures (capped at a day), a little early to meet the hourly run. */
export function backoff(failures: number): number {
  return Math.min(hour * 2 ** Math.max(0, failures - 1), 24 * hour) - 5 * 60_000;
}

function result(state: FeedState, status: FeedStatus, extra: Partial<FeedResult> = {}): FeedResult {
  return {
    source: state.source,
    url: state.url,
    title: state.title,
    status,
    new: 0,
    updated: 0,
    unchanged: 0,
    ...extra,
  };
}

/** What fetching (and parsing) a feed gave. */
type Read = Exclude<FetchResult, { status: "ok" }> | (Extract<FetchResult, { status: "ok" }> & { feed: ParsedFeed });

/** Fetches and parses a feed: every fault thrown here is the feed's own, never the store's. */
async function read(ctx: Context, state: FeedState): Promise<Read> {
  const fetched = await fetchFeed(state.url, {
    userAgent: userAgent(ctx.config.publicUrl),
    etag: state.etag,
    lastModified: state.lastModified,
  });
  if (fetched.status !== "ok") return fetched;
  const feed = parseFeed(fetched.body, { url: fetched.url, contentType: fetched.contentType });
  return { ...fetched, feed };
}

/** Stores what was read: its items and the feed's new state. */
async function store(ctx: Context, state: FeedState, fetched: Read, now: Date): Promise<FeedResult> {
  const at = now.toISOString();
  if (fetched.status === "gone") {
    const disabled = `${fetched.url} answered 410 Gone on ${at.slice(0, 10)}`;
    await putFeedState(ctx.db, { ...state, lastAttemptAt: at, disabled });
    return result(state, "gone", { error: disabled });
  }
  const moved = fetched.movedTo ? { url: fetched.movedTo } : {};
  const succeeded = {
    ...moved,
    lastAttemptAt: at,
    lastSuccessAt: at,
    failures: 0,
    failingSince: undefined,
    nextAttemptAt: undefined,
    disabled: undefined,
  };
  if (fetched.status === "not_modified") {
    await putFeedState(ctx.db, { ...state, ...succeeded });
    return result({ ...state, ...moved }, "not_modified", { movedTo: fetched.movedTo });
  }
  const title = fetched.feed.title || state.title || state.source;
  const counts = await storeFeedItems(ctx.db, { feedKey: state.feedKey, title }, fetched.feed.items, now);
  const validators = { etag: fetched.etag, lastModified: fetched.lastModified };
  await putFeedState(ctx.db, { ...state, ...succeeded, ...validators, title });
  return result({ ...state, ...moved, title }, "ingested", { ...counts, movedTo: fetched.movedTo });
}

/** Records the feed's own failure on it, with the next backoff. */
async function recordFailure(ctx: Context, state: FeedState, e: unknown, now: Date): Promise<FeedResult> {
  const error = isTidingsError(e) ? e.message : `unexpected error: ${(e as Error).message}`;
  if (!isTidingsError(e)) ctx.log.error("ingest failed unexpectedly", { source: state.source, error: e });
  const failures = state.failures + 1;
  const nextAttemptAt = new Date(now.getTime() + backoff(failures)).toISOString();
  const at = now.toISOString();
  await putFeedState(ctx.db, {
    ...state,
    lastAttemptAt: at,
    lastError: error,
    lastErrorAt: at,
    failingSince: state.failures > 0 ? (state.failingSince ?? state.lastErrorAt ?? at) : at,
    failures,
    nextAttemptAt,
  });
  return result(state, "failed", { error, nextAttemptAt });
}

/**
 * Ingests one feed (a URL or a local file). The feed's own faults (fetching, parsing) are
 * recorded on it and never thrown; a storage fault is nobody's feed's: it is thrown, and stops
 * the run rather than send healthy feeds into backoff.
 */
export async function ingestFeed(ctx: Context, source: string, options: IngestOptions = {}): Promise<FeedResult> {
  const now = options.now?.() ?? new Date();
  const state = await getFeedState(ctx.db, source);
  if (state.disabled && !options.force) return result(state, "disabled", { error: state.disabled });
  if (state.nextAttemptAt && state.nextAttemptAt > now.toISOString() && !options.force) {
    return result(state, "backing_off", { error: state.lastError, nextAttemptAt: state.nextAttemptAt });
  }
  let fetched: Read;
  try {
    fetched = await read(ctx, state);
  } catch (e) {
    return recordFailure(ctx, state, e, now);
  }
  return store(ctx, state, fetched, now);
}

/**
 * Ingests the given feeds, `parallel` at a time; `onProgress` hears of each feed as it is done.
 * The hourly run and `npm run ingest` pass the registry's active feeds (registry.ts: `feedsToIngest`).
 *
 * @example const summary = await ingestFeeds(ctx, await feedsToIngest(ctx)); // summary.new, summary.failed…
 */
export async function ingestFeeds(
  ctx: Context,
  feeds: string[],
  onProgress?: (result: FeedResult) => void,
  options: IngestOptions = {},
): Promise<IngestSummary> {
  const results = await mapLimit(feeds, parallel, async (feed) => {
    const result = await ingestFeed(ctx, feed, options);
    onProgress?.(result);
    return result;
  });
  const sum = (field: "new" | "updated" | "unchanged") => results.reduce((n, r) => n + r[field], 0);
  ctx.metrics.count("ItemsIngested", sum("new"));
  // Every run reports how many feeds are failing, backing off included: the alarm wants a day of them.
  ctx.metrics.count("FeedsFailing", results.filter((r) => r.status === "failed" || r.status === "backing_off").length);
  return {
    feeds: results,
    new: sum("new"),
    updated: sum("updated"),
    unchanged: sum("unchanged"),
    failed: results.filter((r) => r.status === "failed").length,
  };
}
