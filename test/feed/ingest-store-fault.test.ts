/**
 * A storage fault during ingest is nobody's feed's fault: it stops the run and surfaces from
 * ingestFeeds, and no healthy feed is sent into backoff for it. The faults are real DynamoDB
 * answers on the wire (test/support/faulty-dynamo.ts), which the SDK retries before giving up.
 */
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Context } from "@tidings/core/context";
import { ingestFeeds } from "@tidings/core/feed/ingest";
import { getFeedState } from "@tidings/core/store/feeds";
import { faultyDynamo, type DynamoFault, type FaultyDynamo } from "../support/faulty-dynamo.ts";
import { startTestServices, type TestServices } from "../support/services.ts";

const feed = (n: string) =>
  `<rss version="2.0"><channel><title>Feed ${n}</title><link>https://feeds.example/${n}</link>` +
  `<item><title>Story ${n}</title><link>https://feeds.example/${n}/1</link></item></channel></rss>`;

const hits = new Map<string, number>();
const http = createServer((req, res) => {
  hits.set(req.url!, (hits.get(req.url!) ?? 0) + 1);
  if (req.url === "/broken") return void res.writeHead(500).end("oops");
  res.writeHead(200, { "content-type": "application/rss+xml" }).end(feed(req.url!.slice(1)));
});

let services: TestServices;
let dynamo: FaultyDynamo;
let ctx: Context;
let base = "";
/** Which DynamoDB operation fails, and how, for now. */
let failing: { operation: string; fault: DynamoFault } | undefined;

beforeAll(async () => {
  services = await startTestServices();
  dynamo = await faultyDynamo(services.dynamodbEndpoint, services.ctx.config.tableName, ({ operation }) =>
    operation === failing?.operation ? failing.fault : undefined,
  );
  ctx = { ...services.ctx, db: dynamo.db };
  http.listen(0, "127.0.0.1");
  await once(http, "listening");
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});
afterAll(async () => {
  http.close();
  await dynamo.close();
  await services.close();
});

it("stops the run when items cannot be stored, starts no new feed, and backs no feed off", async () => {
  const feeds = ["/1", "/2", "/3", "/4", "/5", "/6"].map((path) => base + path);
  failing = { operation: "BatchWriteItem", fault: "server-error" };
  const error = await ingestFeeds(ctx, feeds).catch((e: unknown) => e);
  failing = undefined;

  expect(error).toMatchObject({ name: "InternalServerError", $metadata: { attempts: 5 } }); // the SDK's own retries
  expect(["/1", "/2", "/3", "/4"].map((p) => hits.get(p))).toEqual([1, 1, 1, 1]); // the four in flight
  expect(["/5", "/6"].map((p) => hits.get(p) ?? 0)).toEqual([0, 0]); // never started
  for (const url of feeds) {
    const state = await getFeedState(services.ctx.db, url);
    expect(state).toEqual({ feedKey: state.feedKey, source: url, url, failures: 0 }); // as if never tried
  }

  const rerun = await ingestFeeds(ctx, feeds);
  expect(rerun.feeds.map((f) => f.status)).toEqual(Array(6).fill("ingested"));
});

it("stops the run when a feed's own failure cannot be recorded", async () => {
  failing = { operation: "UpdateItem", fault: "access-denied" }; // the feed state is one UpdateItem
  const error = await ingestFeeds(ctx, [base + "/broken"]).catch((e: unknown) => e);
  failing = undefined;
  expect(error).toMatchObject({ name: "AccessDeniedException" });
  expect(hits.get("/broken")).toBe(1);
  expect(await getFeedState(services.ctx.db, base + "/broken")).toMatchObject({ failures: 0 });
});
