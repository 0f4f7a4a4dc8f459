/**
 * The real app over the real seed feed, for browser tests and the README's screenshots: the
 * feed ingested as `npm start` does, and every complete week's digest built, as of a day after
 * the feed's last week (2026-W21) ended.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { buildMissingDigests } from "@tidings/core/digest/backfill";
import { ingestFeeds } from "@tidings/core/feed/ingest";
import { serveTestApp, type ServedApp } from "./browser.ts";

export const seedFeed = fileURLToPath(new URL("../fixtures/feeds/scmp-semiconductors.xml", import.meta.url));

/** Monday of 2026-W22: every week up to 2026-W21 is complete. */
export const seededNow = new Date("2026-05-25T12:00:00Z");

export interface SeededApp extends ServedApp {
  /** The weeks whose digest was built, oldest first. */
  weeks: string[];
}

export async function serveSeededApp(): Promise<SeededApp> {
  const served = await serveTestApp({ FEEDS: seedFeed });
  try {
    const { ctx } = served.services;
    const ingested = await ingestFeeds(ctx, [seedFeed], undefined, { now: () => seededNow });
    if (ingested.failed > 0 || ingested.new === 0) {
      throw new Error(`seed feed not ingested: ${JSON.stringify(ingested.feeds)}`);
    }
    const weeks = await buildMissingDigests(ctx, { now: seededNow });
    return { ...served, weeks };
  } catch (e) {
    await served.close();
    throw e;
  }
}

const placeholder = readFileSync(new URL("../fixtures/images/thumbnail-placeholder.svg", import.meta.url));
const local = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * The network is closed on this machine, so the feed's thumbnails (on its CDN) cannot load:
 * image requests to any other host are answered with a small local placeholder. What the tests
 * judge is that our own pages cause no error; every other request goes out untouched (and is
 * reported if it fails). Returns the list of image URLs answered this way.
 */
export async function placeholderImages(page: Page): Promise<string[]> {
  const answered: string[] = [];
  await page.route(
    (url) => !local.has(url.hostname),
    async (route) => {
      if (route.request().resourceType() !== "image") return route.fallback();
      answered.push(route.request().url());
      return route.fulfill({ status: 200, contentType: "image/svg+xml", body: placeholder });
    },
  );
  return answered;
}
