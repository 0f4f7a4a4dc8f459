/**
 * How the public pages may be cached, by browsers and by CloudFront (infra/cdn.ts), and the
 * paths never to be cached. Strong ETags let every client revalidate with a bodiless 304.
 */
import { createHash } from "node:crypto";
import { createMiddleware } from "hono/factory";
import { neverCached } from "./edge.ts";

export const cacheControl = {
  /**
   * A digest whose delivery began never changes. A day: readers' browsers and every CDN edge
   * serve it without asking while a shared issue is read by thousands, and whatever a deploy
   * changes around it (the page's feed link, a takedown) is at most a day old; after that the
   * ETag makes the next request a 304.
   */
  final: "public, max-age=86400",
  /** Built, not yet sent: a rebuild may still change it, so every use revalidates (a 304 when unchanged). */
  revalidate: "public, no-cache",
  /** The landing page, the archive and its feed: browsers revalidate each time, the CDN keeps them a minute. */
  list: "public, max-age=0, s-maxage=60",
  /** Personal or state-changing pages: never stored anywhere. */
  never: "private, no-store",
} as const;

/** A strong ETag for a body (the same bytes, the same tag; SHA-256, 160 bits kept). */
export const strongEtag = (body: string) => `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;

/** Marks answers under `neverCached` as uncacheable unless a route said so itself (it may be stricter). */
export const noStoreWhereNeverCached = createMiddleware(async (c, next) => {
  await next();
  const path = c.req.path;
  if (neverCached.some((p) => path === p || path.startsWith(`${p}/`)) && !c.res.headers.has("cache-control")) {
    c.header("cache-control", cacheControl.never);
  }
});

/** Caches a public answer: its Cache-Control, and for a GET list its ETag (the etag middleware hashes the body). */
export const cacheAs = (value: string) =>
  createMiddleware(async (c, next) => {
    await next();
    if (c.res.ok && !c.res.headers.has("cache-control")) c.header("cache-control", value);
  });
