/**
 * The feeds at run time: a registry in the table (the feed state rows with a `status`,
 * store/feeds.ts). `FEEDS` seeds it once, on the first ingest run that finds it never seeded
 * (`npm start`, or the first hourly run after a deploy), so a deployed stack needs no manual step;
 * from then on the desk and the API add, pause, resume and remove feeds, and every ingest run
 * reads the registry's active feeds. A feed is added only after it was fetched and parsed.
 */
import type { Context } from "../context.ts";
import { TidingsError } from "../error.ts";
import { recordAction } from "../admin/audit.ts";
import { putIf } from "../store/conditional.ts";
import {
  canonicalSource,
  getFeedByKey,
  getFeedState,
  listFeedStates,
  putFeedRegistration,
  putFeedState,
  type RegisteredFeed,
} from "../store/feeds.ts";
import { rowOf, setupKeys } from "../store/keys.ts";
import type { FeedItem } from "./feed.ts";
import { fetchFeed, userAgent } from "./fetch.ts";
import { ingestFeed, type FeedResult } from "./ingest.ts";
import { parseFeed } from "./parse.ts";

export type { RegisteredFeed };

/** Seeds the registry from FEEDS, once per installation (a marker row says it was done). */
export async function ensureFeedsSeeded(ctx: Context, now = new Date()): Promise<string[]> {
  const marker = rowOf(setupKeys.type, setupKeys.key("feeds-seeded"), {
    at: now.toISOString(),
    feeds: ctx.config.feeds,
  });
  if (!(await putIf(ctx.db, { Item: marker, ConditionExpression: "attribute_not_exists(PK)" }))) return [];
  for (const source of ctx.config.feeds) {
    const state = await getFeedState(ctx.db, source);
    await putFeedState(ctx.db, state);
    await putFeedRegistration(ctx.db, state.feedKey, {
      status: "active",
      addedAt: now.toISOString(),
      addedBy: "FEEDS",
    });
  }
  ctx.log.info("feeds: registry seeded from FEEDS", { feeds: ctx.config.feeds.length });
  return ctx.config.feeds;
}

/** Every feed in the registry, active and paused, by title. */
export async function registeredFeeds(ctx: Context): Promise<RegisteredFeed[]> {
  const feeds = (await listFeedStates(ctx.db)).filter((f) => f.status);
  return feeds.sort((a, b) => (a.title ?? a.source).localeCompare(b.title ?? b.source));
}

/** What an ingest run reads: the registry's active feeds (seeded from FEEDS the first time). */
export async function feedsToIngest(ctx: Context, now = new Date()): Promise<string[]> {
  await ensureFeedsSeeded(ctx, now);
  return (await registeredFeeds(ctx)).filter((f) => f.status === "active").map((f) => f.source);
}

export interface FeedPreview {
  source: string;
  title: string;
  /** The newest items, at most five. */
  items: FeedItem[];
  itemCount: number;
}

/** Fetches and parses a feed, storing nothing: what the desk shows before adding it. */
export async function previewFeed(ctx: Context, url: string): Promise<FeedPreview> {
  const source = canonicalSource(url);
  if (!/^https?:\/\//i.test(source) && ctx.config.onAws) {
    throw new TidingsError("invalid", "feed.not_a_url", "A feed is added by its http(s) address.");
  }
  const fetched = await fetchFeed(source, { userAgent: userAgent(ctx.config.publicUrl) });
  if (fetched.status !== "ok") {
    throw new TidingsError("unavailable", "feed.unavailable", `${source} did not send a feed (${fetched.status}).`);
  }
  const feed = parseFeed(fetched.body, { url: fetched.url, contentType: fetched.contentType });
  const newest = [...feed.items].sort((a, b) => (b.published ?? "").localeCompare(a.published ?? ""));
  return { source, title: feed.title || source, items: newest.slice(0, 5), itemCount: feed.items.length };
}

/** Adds a feed after fetching and parsing it, then ingests it at once. Throws the feed's own error. */
export async function addFeed(
  ctx: Context,
  url: string,
  by: string,
  now: Date,
): Promise<{ feed: RegisteredFeed; result: FeedResult }> {
  const preview = await previewFeed(ctx, url);
  const state = await getFeedState(ctx.db, preview.source);
  await putFeedState(ctx.db, { ...state, title: state.title ?? preview.title });
  await putFeedRegistration(ctx.db, state.feedKey, { status: "active", addedAt: now.toISOString(), addedBy: by });
  const result = await ingestFeed(ctx, preview.source, { force: true, now: () => now });
  await recordAction(ctx, { by, action: "feed.add", detail: `${preview.title} (${preview.source})` }, now);
  return { feed: (await getFeedByKey(ctx.db, state.feedKey))!, result };
}

async function registered(ctx: Context, feedKey: string): Promise<RegisteredFeed> {
  const feed = await getFeedByKey(ctx.db, feedKey);
  if (!feed?.status) throw new TidingsError("not_found", "feed.not_found", "There is no such feed in the registry.");
  return feed;
}

/** Pauses, resumes or removes a registered feed (its items and digests stay). */
export async function changeFeed(
  ctx: Context,
  feedKey: string,
  change: "pause" | "resume" | "remove",
  by: string,
  now: Date,
): Promise<void> {
  const feed = await registered(ctx, feedKey);
  const status = { pause: "paused", resume: "active", remove: undefined }[change] as RegisteredFeed["status"];
  await putFeedRegistration(
    ctx.db,
    feedKey,
    change === "remove" ? { status, addedAt: undefined, addedBy: undefined } : { status },
  );
  await recordAction(
    ctx,
    { by, action: `feed.${change}`, detail: `${feed.title ?? feed.source} (${feed.source})` },
    now,
  );
}

/** Fetches a registered feed now, even one that is paused or backing off. */
export async function fetchFeedNow(ctx: Context, feedKey: string, by: string, now: Date): Promise<FeedResult> {
  const feed = await registered(ctx, feedKey);
  const result = await ingestFeed(ctx, feed.source, { force: true, now: () => now });
  await recordAction(ctx, { by, action: "feed.fetch", detail: `${feed.title ?? feed.source}: ${result.status}` }, now);
  return result;
}
