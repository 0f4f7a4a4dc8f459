/** Fetching against a real local HTTP server: validators, redirects, 410, compression, timeout, size cap (local files: fetch-files.test.ts). */
import { once } from "node:events";
import { type IncomingMessage, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FetchOptions, fetchFeed, userAgent } from "@tidings/core/feed/fetch";
import { parseFeed } from "@tidings/core/feed/parse";
import { rejection, seedBytes } from "../support/feeds.ts";

const seed = seedBytes();
const hits = new Map<string, number>();
const agents: string[] = [];

const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {
  "/feed": (req, res) => {
    if (req.headers["if-none-match"] === '"v1"') return void res.writeHead(304).end();
    res.writeHead(200, {
      "content-type": "application/rss+xml; charset=utf-8",
      etag: '"v1"',
      "last-modified": "Tue, 19 May 2026 12:00:00 GMT",
    });
    res.end(seed);
  },
  "/moved": (_, res) => void res.writeHead(301, { location: "/feed" }).end(),
  "/temporary": (_, res) => void res.writeHead(302, { location: "/feed" }).end(),
  "/chain": (_, res) => void res.writeHead(301, { location: "/chain-2" }).end(),
  "/chain-2": (_, res) => void res.writeHead(308, { location: "/feed" }).end(),
  "/mixed": (_, res) => void res.writeHead(301, { location: "/temporary" }).end(),
  "/loop": (_, res) => void res.writeHead(302, { location: "/loop" }).end(),
  "/evil-redirect": (_, res) => void res.writeHead(302, { location: "file:///etc/passwd" }).end(),
  "/gone": (_, res) => void res.writeHead(410).end("gone"),
  "/error": (_, res) => void res.writeHead(503).end("down"),
  "/gzip": (_, res) => void res.writeHead(200, { "content-encoding": "gzip" }).end(gzipSync(seed)),
  "/deflate": (_, res) => void res.writeHead(200, { "content-encoding": "deflate" }).end(deflateSync(seed)),
  "/br": (_, res) => void res.writeHead(200, { "content-encoding": "br" }).end(brotliCompressSync(seed)),
  "/slow": () => {}, // never answers
  "/big": (_, res) => {
    res.writeHead(200, { "content-type": "application/rss+xml" });
    const chunk = Buffer.alloc(64 * 1024, " ");
    let sent = 0;
    const pump = () => {
      while (sent < 4 * 1024 * 1024) {
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once("drain", pump);
      }
      res.end();
    };
    pump();
  },
  "/bomb": (_, res) =>
    void res.writeHead(200, { "content-encoding": "gzip" }).end(gzipSync(Buffer.alloc(8 * 1024 * 1024))),
};

const server = createServer((req, res) => {
  const path = new URL(req.url!, "http://x").pathname;
  hits.set(path, (hits.get(path) ?? 0) + 1);
  agents.push(String(req.headers["user-agent"]));
  (routes[path] ?? ((_, r) => void r.writeHead(404).end()))(req, res);
});
let base = "";
const options: FetchOptions = { userAgent: userAgent("https://news.example.org") };

beforeAll(async () => {
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  server.close();
});

describe("fetching over HTTP", () => {
  it("gets the feed with its validators and an honest User-Agent", async () => {
    const result = await fetchFeed(`${base}/feed`, options);
    expect(result).toMatchObject({
      status: "ok",
      url: `${base}/feed`,
      etag: '"v1"',
      lastModified: "Tue, 19 May 2026 12:00:00 GMT",
      requests: 1,
    });
    if (result.status !== "ok") return;
    expect(Buffer.from(result.body).equals(seed)).toBe(true);
    expect(result.contentType).toBe("application/rss+xml; charset=utf-8");
    expect(agents.at(-1)).toBe("Tidings/0.1 (+https://news.example.org)");
  });

  it("asks conditionally: an unchanged feed costs one request and no body", async () => {
    const before = hits.get("/feed") ?? 0;
    const result = await fetchFeed(`${base}/feed`, {
      ...options,
      etag: '"v1"',
      lastModified: "Tue, 19 May 2026 12:00:00 GMT",
    });
    expect(result).toEqual({ status: "not_modified", url: `${base}/feed`, movedTo: undefined, requests: 1 });
    expect(hits.get("/feed")! - before).toBe(1);
  });

  it("follows redirects; reports where a feed moved only when every hop was permanent", async () => {
    expect(await fetchFeed(`${base}/moved`, options)).toMatchObject({
      status: "ok",
      url: `${base}/feed`,
      movedTo: `${base}/feed`,
      requests: 2,
    });
    expect(await fetchFeed(`${base}/chain`, options)).toMatchObject({
      url: `${base}/feed`,
      movedTo: `${base}/feed`,
      requests: 3,
    });
    expect(await fetchFeed(`${base}/temporary`, options)).toMatchObject({
      status: "ok",
      url: `${base}/feed`,
      movedTo: undefined,
    });
    // 301 to a URL that itself redirects temporarily: the permanent part is what moved.
    expect(await fetchFeed(`${base}/mixed`, options)).toMatchObject({
      url: `${base}/feed`,
      movedTo: `${base}/temporary`,
    });
  });

  it("gives up on redirect loops and on redirects out of http(s)", async () => {
    expect(await rejection(fetchFeed(`${base}/loop`, options))).toMatchObject({
      code: "feed.redirect_loop",
      kind: "unavailable",
    });
    expect((await rejection(fetchFeed(`${base}/evil-redirect`, options))).code).toBe("feed.bad_redirect");
  });

  it("says a 410 feed is gone, and an erroring one unavailable", async () => {
    expect(await fetchFeed(`${base}/gone`, options)).toMatchObject({ status: "gone", url: `${base}/gone` });
    const e = await rejection(fetchFeed(`${base}/error`, options));
    expect(e).toMatchObject({
      kind: "unavailable",
      code: "feed.http_error",
      message: `${base}/error answered HTTP 503`,
    });
  });

  it.each(["gzip", "deflate", "br"])("decompresses %s", async (encoding) => {
    const result = await fetchFeed(`${base}/${encoding}`, options);
    expect(result.status).toBe("ok");
    if (result.status === "ok") expect(parseFeed(result.body).items).toHaveLength(50);
  });

  it("times out a server that never answers", async () => {
    const e = await rejection(fetchFeed(`${base}/slow`, { ...options, timeoutMs: 300 }));
    expect(e).toMatchObject({
      kind: "unavailable",
      code: "feed.timeout",
      message: `${base}/slow did not answer within 0.3 s`,
    });
  });

  it("stops reading a body past the size cap, compressed or not", async () => {
    expect(await rejection(fetchFeed(`${base}/big`, { ...options, maxBytes: 1024 * 1024 }))).toMatchObject({
      code: "feed.too_large",
      kind: "too_large",
    });
    expect((await rejection(fetchFeed(`${base}/bomb`, { ...options, maxBytes: 1024 * 1024 }))).code).toBe(
      "feed.too_large",
    );
  });

  it("says when a host cannot be reached", async () => {
    const closed = createServer().listen(0, "127.0.0.1");
    await once(closed, "listening");
    const port = (closed.address() as AddressInfo).port;
    closed.close();
    await once(closed, "close");
    const e = await rejection(fetchFeed(`http://127.0.0.1:${port}/feed`, options));
    expect(e).toMatchObject({ code: "feed.unreachable", message: expect.stringContaining("ECONNREFUSED") });
  });
});
