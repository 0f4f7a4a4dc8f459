/**
 * Ingestion end to end against real dynalite and a real local HTTP server. DynamoDB requests
 * are counted by an SDK middleware on the client; HTTP requests by the server.
 */
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ingestFeeds } from "@tidings/core/feed/ingest";
import { getFeedState, listFeedStates } from "@tidings/core/store/feeds";
import { itemsPublishedBetween } from "@tidings/core/store/items";
import { startTestServices, type TestServices } from "../support/services.ts";
import { seedBytes } from "../support/feeds.ts";

const seed = seedBytes().toString("utf8");
const small = (title: string) =>
  `<rss version="2.0"><channel><title>Small</title><link>https://small.example/</link>` +
  `<item><title>${title}</title><link>https://small.example/1</link><pubDate>Mon, 18 May 2026 08:00:00 GMT</pubDate></item>` +
  `<item><title>Undated</title><link>https://small.example/2</link></item></channel></rss>`;

const hits = new Map<string, number>();
const server = {
  honourValidators: true,
  seed,
  small: small("First title"),
};
const http = createServer((req, res) => {
  const path = req.url!;
  hits.set(path, (hits.get(path) ?? 0) + 1);
  if (path === "/seed") {
    if (server.honourValidators && req.headers["if-none-match"] === '"s1"') return void res.writeHead(304).end();
    return void res.writeHead(200, { etag: '"s1"', "content-type": "application/rss+xml" }).end(server.seed);
  }
  if (path === "/small") return void res.writeHead(200).end(server.small);
  if (path === "/broken") return void res.writeHead(500).end("oops");
  if (path === "/maintenance")
    return void res
      .writeHead(200, { "content-type": "text/html" })
      .end("<html><body>Down for maintenance</body></html>");
  if (path === "/gone") return void res.writeHead(410).end();
  if (path === "/old-home") return void res.writeHead(301, { location: "/small" }).end();
  res.writeHead(404).end();
});

let services: TestServices;
let base = "";
const dynamo: Record<string, number> = {};
const url = (path: string) => `${base}${path}`;

beforeAll(async () => {
  services = await startTestServices();
  services.ctx.db.client.middlewareStack.add(
    (next, context) => async (args) => {
      dynamo[context.commandName!] = (dynamo[context.commandName!] ?? 0) + 1;
      return next(args);
    },
    { step: "initialize", name: "countRequests" },
  );
  http.listen(0, "127.0.0.1");
  await once(http, "listening");
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});
afterAll(async () => {
  http.close();
  await services.close();
});
beforeEach(() => {
  for (const k of Object.keys(dynamo)) delete dynamo[k];
});

const itemWrites = () => dynamo.BatchWriteItemCommand ?? 0;
const itemReads = () => (dynamo.BatchGetItemCommand ?? 0) + (dynamo.QueryCommand ?? 0);

describe("ingesting", () => {
  it("stores a new feed's items in batches and remembers its validators", async () => {
    const summary = await ingestFeeds(services.ctx, [url("/seed")]);
    expect(summary).toMatchObject({ new: 50, updated: 0, unchanged: 0, failed: 0 });
    expect(summary.feeds[0]).toMatchObject({
      status: "ingested",
      title: "Semiconductors - South China Morning Post",
      new: 50,
    });
    expect(itemWrites()).toBe(2); // 25 + 25
    const state = await getFeedState(services.ctx.db, url("/seed"));
    expect(state).toMatchObject({
      url: url("/seed"),
      etag: '"s1"',
      failures: 0,
      title: "Semiconductors - South China Morning Post",
    });
  });

  it("writes no item when the feed comes back unchanged (no validators honoured)", async () => {
    server.honourValidators = false;
    const summary = await ingestFeeds(services.ctx, [url("/seed")]);
    server.honourValidators = true;
    expect(summary).toMatchObject({ new: 0, updated: 0, unchanged: 50 });
    expect(itemWrites()).toBe(0);
    expect(dynamo.BatchGetItemCommand).toBe(1); // one read of 50 hashes
  });

  it("costs one HTTP request and no item read or write when the feed answers 304", async () => {
    const before = hits.get("/seed") ?? 0;
    const summary = await ingestFeeds(services.ctx, [url("/seed")]);
    expect(summary.feeds[0]).toMatchObject({ status: "not_modified", new: 0, unchanged: 0 });
    expect(hits.get("/seed")! - before).toBe(1);
    expect(itemWrites()).toBe(0);
    expect(itemReads()).toBe(0);
    expect(dynamo).toEqual({ GetItemCommand: 1, PutItemCommand: 1 }); // the feed's state, read and updated
  });

  it("updates an item whose title changed, and only that one", async () => {
    server.honourValidators = false;
    server.seed = seed.replace(
      "<title>Why Trump took US tech leaders to Beijing</title>",
      "<title>Why Trump took tech chiefs to Beijing</title>",
    );
    const summary = await ingestFeeds(services.ctx, [url("/seed")]);
    server.seed = seed;
    server.honourValidators = true;
    expect(summary).toMatchObject({ new: 0, updated: 1, unchanged: 49 });
    expect(itemWrites()).toBe(1);
    const week = await itemsPublishedBetween(
      services.ctx.db,
      new Date("2026-05-11T00:00:00Z"),
      new Date("2026-05-18T00:00:00Z"),
    );
    expect(week.map((i) => i.title)).toContain("Why Trump took tech chiefs to Beijing");
    expect(week.map((i) => i.title)).not.toContain("Why Trump took US tech leaders to Beijing");
  });

  it("keeps a broken feed's error and backs it off, while the other feeds still ingest", async () => {
    const t0 = new Date("2026-05-20T10:00:00Z");
    const first = await ingestFeeds(services.ctx, [url("/broken"), url("/small")], undefined, { now: () => t0 });
    expect(first.feeds.map((f) => [f.status, f.new])).toEqual([
      ["failed", 0],
      ["ingested", 2],
    ]);
    expect(first.failed).toBe(1);
    const broken = await getFeedState(services.ctx.db, url("/broken"));
    expect(broken).toMatchObject({
      failures: 1,
      lastError: `${url("/broken")} answered HTTP 500`,
      lastErrorAt: "2026-05-20T10:00:00.000Z",
      nextAttemptAt: "2026-05-20T10:55:00.000Z",
    });

    const requests = hits.get("/broken");
    const t1 = new Date("2026-05-20T10:30:00Z");
    const second = await ingestFeeds(services.ctx, [url("/broken"), url("/small")], undefined, { now: () => t1 });
    expect(second.feeds.map((f) => f.status)).toEqual(["backing_off", "ingested"]);
    expect(second.feeds[0]).toMatchObject({
      error: `${url("/broken")} answered HTTP 500`,
      nextAttemptAt: "2026-05-20T10:55:00.000Z",
    });
    expect(hits.get("/broken")).toBe(requests); // not even asked

    const t2 = new Date("2026-05-20T11:00:00Z");
    const third = await ingestFeeds(services.ctx, [url("/broken")], undefined, { now: () => t2 });
    expect(third.feeds[0]!.status).toBe("failed");
    expect(await getFeedState(services.ctx.db, url("/broken"))).toMatchObject({
      failures: 2,
      nextAttemptAt: "2026-05-20T12:55:00.000Z",
    });
  });

  it("records a parse failure the same way, with the parser's reason", async () => {
    const summary = await ingestFeeds(services.ctx, [url("/maintenance")]);
    expect(summary.feeds[0]).toMatchObject({ status: "failed", error: "not a feed: the document is an HTML page" });
    expect(await getFeedState(services.ctx.db, url("/maintenance"))).toMatchObject({
      failures: 1,
      lastError: "not a feed: the document is an HTML page",
    });
  });

  it("disables a feed that answers 410 and never asks it again", async () => {
    const first = await ingestFeeds(services.ctx, [url("/gone")], undefined, {
      now: () => new Date("2026-05-20T10:00:00Z"),
    });
    expect(first.feeds[0]).toMatchObject({ status: "gone", error: `${url("/gone")} answered 410 Gone on 2026-05-20` });
    const second = await ingestFeeds(services.ctx, [url("/gone")]);
    expect(second.feeds[0]!.status).toBe("disabled");
    expect(hits.get("/gone")).toBe(1);
  });

  it("follows a permanent redirect once, then fetches the new URL directly", async () => {
    const first = await ingestFeeds(services.ctx, [url("/old-home")]);
    expect(first.feeds[0]).toMatchObject({ status: "ingested", movedTo: url("/small"), url: url("/small") });
    expect((await getFeedState(services.ctx.db, url("/old-home"))).url).toBe(url("/small"));
    await ingestFeeds(services.ctx, [url("/old-home")]);
    expect(hits.get("/old-home")).toBe(1);
  });

  it("files an undated item under the time it was first seen", async () => {
    const day = new Date("2026-05-20T00:00:00Z");
    const items = await itemsPublishedBetween(services.ctx.db, day, new Date("2026-05-21T00:00:00Z"));
    expect(items.filter((i) => i.title === "Undated").map((i) => [i.feedTitle, i.published])).toEqual([
      ["Small", "2026-05-20T10:00:00.000Z"],
    ]);
  });

  it("accepts local files, and ingests many feeds independently", async () => {
    const summary = await ingestFeeds(services.ctx, [
      url("/small"),
      "templates/feeds/scmp-semiconductors.xml",
      "no/such/file.xml",
    ]);
    expect(summary.feeds.map((f) => f.status)).toEqual(["ingested", "ingested", "failed"]);
    expect(summary.feeds[2]!.error).toBe("no such file: no/such/file.xml");
  });
});
