/**
 * GET /digests.xml: the archive as an Atom feed of the issues whose delivery began, newest first
 * (core: digest/archive-feed.ts). Built from the final digests' pages in memory; the XML itself is
 * kept until the issues it lists (or the address it is reached by) change.
 */
import { Hono } from "hono";
import { archiveFeed, FEED_ENTRIES } from "@tidings/core/digest/archive-feed";
import { listDigests } from "@tidings/core/store/digests";
import { newsletter } from "@tidings/templates/newsletter";
import type { DigestCache } from "../digest-pages.ts";
import type { AppEnv } from "../env.ts";
import { cacheControl, strongEtag } from "../http-cache.ts";
import { findPages } from "./digests.tsx";

export function archiveFeedRoute(cache: DigestCache) {
  let last: { key: string; xml: string; etag: string } | undefined;
  return new Hono<AppEnv>().get("/", async (c) => {
    const { publicUrl } = c.var.ctx.config;
    const sent = (await listDigests(c.var.ctx.db)).filter((d) => d.sendStartedAt).slice(0, FEED_ENTRIES);
    const key = JSON.stringify([publicUrl, sent.map((d) => [d.week, d.sendStartedAt])]);
    if (last?.key !== key) {
      const pages = await Promise.all(sent.map((d) => findPages(c, cache, d.week)));
      const entries = pages.map(({ summary: s }) => ({ ...s, sentAt: s.sendStartedAt! }));
      const xml = archiveFeed({ newsletter, publicUrl, entries });
      last = { key, xml, etag: strongEtag(xml) };
    }
    c.header("etag", last.etag);
    c.header("cache-control", cacheControl.list);
    return c.body(last.xml, 200, { "content-type": "application/atom+xml; charset=utf-8" });
  });
}
