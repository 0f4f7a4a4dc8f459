/**
 * Fetching a feed politely: conditional GET (ETag, Last-Modified), an honest User-Agent,
 * compressed transfer, redirects followed by hand (so a permanent one can update the stored
 * URL), a timeout over the whole exchange and a size cap counted on the decompressed bytes as
 * they stream in. A local file is accepted wherever a URL is (its mtime is its Last-Modified).
 */
import { readFile, stat } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { TidingsError } from "../error.ts";
import { isHttp } from "./links.ts";
import { defaultMaxBytes, feedTooLarge as tooLarge } from "./parse.ts";

export interface FetchOptions {
  /** Validators from the last successful fetch. */
  etag?: string | undefined;
  lastModified?: string | undefined;
  /** See `userAgent()`. */
  userAgent: string;
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
}

interface Common {
  /** Where the content was finally found (after redirects). */
  url: string;
  /** Set when every redirect on the way was permanent: the URL to store from now on. */
  movedTo?: string | undefined;
  /** HTTP requests made (redirects included); 0 for a file. */
  requests: number;
}

export type FetchResult =
  | (Common & {
      status: "ok";
      body: Uint8Array;
      contentType: string | undefined;
      etag: string | undefined;
      lastModified: string | undefined;
    })
  | (Common & { status: "not_modified" })
  | (Common & { status: "gone" });

/** `Tidings/0.1 (+https://your.site)`: who is asking, and where to find out more. */
export const userAgent = (publicUrl: string) => `Tidings/0.1 (+${publicUrl})`;

const accept =
  "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5";
const unavailable = (code: string, message: string, cause?: unknown) =>
  new TidingsError("unavailable", code, message, { cause });

/** The body, read chunk by chunk, refused as soon as it passes `max` bytes. */
async function readCapped(res: Response, max: number): Promise<Uint8Array> {
  const declared = Number(res.headers.get("content-length"));
  if (!res.headers.get("content-encoding") && declared > max) {
    await res.body?.cancel();
    throw tooLarge(max);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (res.body) {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > max) {
        await res.body.cancel().catch(() => {});
        throw tooLarge(max);
      }
      chunks.push(chunk);
    }
  }
  return Buffer.concat(chunks, size);
}

function redirectTarget(location: string | null, from: string): string | undefined {
  try {
    return location ? new URL(location, from).href : undefined;
  } catch {
    return undefined;
  }
}

function networkError(e: unknown, url: string, timeoutMs: number): TidingsError {
  if (e instanceof TidingsError) return e;
  const err = e as Error & { cause?: { code?: string; message?: string } };
  if (err.name === "TimeoutError" || err.name === "AbortError") {
    return unavailable("feed.timeout", `${url} did not answer within ${timeoutMs / 1000} s`, e);
  }
  const why = err.cause?.code ?? err.cause?.message ?? err.message;
  return unavailable("feed.unreachable", `could not reach ${url}: ${why}`, e);
}

async function fetchHttp(source: string, o: FetchOptions): Promise<FetchResult> {
  const timeoutMs = o.timeoutMs ?? 15_000;
  const max = o.maxBytes ?? defaultMaxBytes;
  const signal = AbortSignal.timeout(timeoutMs);
  const headers: Record<string, string> = { "user-agent": o.userAgent, accept, "accept-encoding": "gzip, deflate, br" };
  if (o.etag) headers["if-none-match"] = o.etag;
  if (o.lastModified) headers["if-modified-since"] = o.lastModified;
  let url = source;
  let movedTo: string | undefined;
  let permanent = true;
  try {
    for (let requests = 1; ; requests++) {
      const res = await fetch(url, { headers, redirect: "manual", signal });
      if (res.status >= 300 && res.status < 400 && res.status !== 304) {
        await res.body?.cancel();
        const next = redirectTarget(res.headers.get("location"), url);
        if (!next || !isHttp(next))
          throw unavailable("feed.bad_redirect", `${url} redirects nowhere usable (HTTP ${res.status})`);
        if (requests > (o.maxRedirects ?? 5))
          throw unavailable("feed.redirect_loop", `${source} redirects more than ${o.maxRedirects ?? 5} times`);
        permanent &&= res.status === 301 || res.status === 308;
        if (permanent) movedTo = next;
        url = next;
        continue;
      }
      const common = { url, movedTo, requests };
      if (res.status === 304) return { ...common, status: "not_modified" };
      if (res.status === 410) return { ...common, status: "gone" };
      if (!res.ok) {
        await res.body?.cancel();
        throw unavailable("feed.http_error", `${url} answered HTTP ${res.status}`);
      }
      const body = await readCapped(res, max);
      return {
        ...common,
        status: "ok",
        body,
        contentType: res.headers.get("content-type") ?? undefined,
        etag: res.headers.get("etag") ?? undefined,
        lastModified: res.headers.get("last-modified") ?? undefined,
      };
    }
  } catch (e) {
    throw networkError(e, url, timeoutMs);
  }
}

async function readLocal(source: string, o: FetchOptions): Promise<FetchResult> {
  const path = source.startsWith("file:") ? fileURLToPath(source) : source;
  const max = o.maxBytes ?? defaultMaxBytes;
  let info;
  try {
    info = await stat(path);
  } catch (e) {
    throw new TidingsError("not_found", "feed.no_such_file", `no such file: ${path}`, { cause: e });
  }
  if (!info.isFile()) throw new TidingsError("invalid", "feed.not_a_file", `not a file: ${path}`);
  if (info.size > max) throw tooLarge(max);
  const lastModified = info.mtime.toUTCString();
  const common = { url: source, movedTo: undefined, requests: 0 };
  if (o.lastModified === lastModified) return { ...common, status: "not_modified" };
  const body = await readFile(path).catch((e: unknown) => {
    throw new TidingsError("unavailable", "feed.unreadable", `could not read ${path}: ${(e as Error).message}`, {
      cause: e,
    });
  });
  return { ...common, status: "ok", body, contentType: undefined, etag: undefined, lastModified };
}

/**
 * Fetches a feed from an http(s) URL or a local file (path or file: URL).
 *
 * @example await fetchFeed("https://example.com/feed.xml", { userAgent: userAgent(config.publicUrl), etag })
 */
export function fetchFeed(source: string, options: FetchOptions): Promise<FetchResult> {
  return isHttp(source) ? fetchHttp(source, options) : readLocal(source, options);
}
