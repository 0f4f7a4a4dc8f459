/**
 * Fast public pages: a digest whose delivery began is final, so its pages carry a strong ETag and
 * a day's public max-age, answer If-None-Match with 304 and are kept in memory; one not yet sent
 * revalidates every time; the archive and the landing page revalidate cheaply; personal pages
 * are never cached.
 */
import { DeleteCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "@tidings/functions/app/app";
import { digestCache, digestPages } from "@tidings/functions/app/digest-pages";
import { buildDigest } from "@tidings/core/digest/build";
import { getDigest, markSendStarted } from "@tidings/core/store/digests";
import { digestKeys } from "@tidings/core/store/keys";
import { startTestServices, type TestServices } from "../support/services.ts";
import { putItems, standIn, storedItem } from "../support/digests.ts";

let services: TestServices;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  services = await startTestServices();
  await putItems(services.ctx.db, [
    storedItem({ title: "Foundry prices rise", published: "2026-05-05T08:00:00.000Z" }),
    storedItem({ title: "Memory makers merge", published: "2026-05-12T08:00:00.000Z" }),
    storedItem({ title: "Export rules tighten", published: "2026-05-19T08:00:00.000Z" }),
  ]);
  for (const week of ["2026-W19", "2026-W20", "2026-W21"])
    await buildDigest(services.ctx, week, { classifier: standIn });
  await markSendStarted(services.ctx.db, "2026-W19", new Date("2026-05-11T06:00:00Z"));
  await markSendStarted(services.ctx.db, "2026-W20", new Date("2026-05-18T06:00:00Z"));
  app = createApp({ ctx: services.ctx, clientAddress: () => "127.0.0.1" });
});
afterAll(() => services.close());

const get = (path: string, etag?: string) => app.request(path, etag ? { headers: { "if-none-match": etag } } : {});

describe("a digest whose delivery began", () => {
  it("carries a strong ETag and a day's public max-age on its page, its email view and its JSON, and answers 304 to it", async () => {
    const tags = new Set<string>();
    for (const path of ["/digests/2026-W20", "/digests/2026-W20/email", "/digests/2026-W20.json"]) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      const tag = res.headers.get("etag")!;
      expect(tag, path).toMatch(/^"[\w-]{20,}"$/); // strong: no W/
      expect(res.headers.get("cache-control"), path).toBe("public, max-age=86400");
      tags.add(tag);
      const again = await get(path, tag);
      expect(again.status, path).toBe(304);
      expect(await again.text(), path).toBe("");
      expect(again.headers.get("etag")).toBe(tag);
      expect(again.headers.get("cache-control")).toBe("public, max-age=86400");
      expect((await get(path, '"something-else"')).status).toBe(200);
      expect((await get(path, `"x", ${tag}`)).status, "a list naming it").toBe(304);
    }
    expect(tags.size).toBe(3); // each representation its own tag
  });

  it("is served from memory once read: the table is not asked again", async () => {
    const first = await get("/digests/2026-W19");
    const body = await first.text();
    // Gone from the table (as if DynamoDB failed): the page is still there, unchanged.
    await services.ctx.db.client.send(
      new DeleteCommand({ TableName: services.ctx.db.table, Key: digestKeys.key("2026-W19") }),
    );
    const again = await get("/digests/2026-W19");
    expect(again.status).toBe(200);
    expect(await again.text()).toBe(body);
    expect((await get("/digests/2026-W19.json")).status).toBe(200);
  });
});

describe("a digest not yet sent", () => {
  it("revalidates every time, and a rebuild changes its ETag", async () => {
    const res = await get("/digests/2026-W21");
    expect(res.headers.get("cache-control")).toBe("public, no-cache");
    const tag = res.headers.get("etag")!;
    expect((await get("/digests/2026-W21", tag)).status).toBe(304);
    // Not kept in memory: a rebuild (here, with a new item) is seen at once.
    await putItems(services.ctx.db, [storedItem({ title: "Late story", published: "2026-05-20T08:00:00.000Z" })]);
    await buildDigest(services.ctx, "2026-W21", { classifier: standIn, rebuild: true });
    const rebuilt = await get("/digests/2026-W21", tag);
    expect(rebuilt.status).toBe(200);
    expect(await rebuilt.text()).toContain("Late story");
  });
});

describe("the archive and the landing page", () => {
  it("revalidate with an ETag of what they show: 304 with no body while unchanged", async () => {
    for (const path of ["/", "/digests"]) {
      const res = await get(path);
      expect(res.headers.get("cache-control"), path).toBe("public, max-age=0, s-maxage=60");
      const tag = res.headers.get("etag")!;
      expect(tag, path).toMatch(/^"[^"]+"$/);
      const again = await get(path, tag);
      expect(again.status, path).toBe(304);
      expect(await again.text()).toBe("");
    }
    const archive = (await get("/digests")).headers.get("etag")!;
    await putItems(services.ctx.db, [storedItem({ title: "A new week", published: "2026-05-26T08:00:00.000Z" })]);
    await buildDigest(services.ctx, "2026-W22", { classifier: standIn });
    expect((await get("/digests", archive)).status).toBe(200); // a new issue in the list: a new tag
  });
});

describe("personal and state-changing pages", () => {
  it("are never cached", async () => {
    const paths = [
      "/preferences?token=x",
      "/unsubscribe?token=x",
      "/confirm?token=x",
      "/subscribe",
      "/admin",
      "/api/v1/x",
    ];
    for (const path of paths) {
      const res = await get(path);
      expect(res.headers.get("cache-control"), path).toMatch(/no-store/);
      expect(res.headers.get("etag"), path).toBeNull();
    }
    const post = await app.request("/subscribe", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "email=not-an-address",
    });
    expect(post.headers.get("cache-control")).toMatch(/no-store/);
  });
});

describe("the memory of final digests", () => {
  it("is bounded in bytes: the least recently used digest goes first", async () => {
    const digest = (await getDigest(services.ctx.db, "2026-W20"))!;
    const pages = (week: string) => ({ ...digestPages(digest), week });
    const one = Buffer.byteLength(JSON.stringify(pages("x"))) * 1.2;
    const cache = digestCache(Math.floor(one * 2));
    cache.set("2026-W01", pages("2026-W01"));
    cache.set("2026-W02", pages("2026-W02"));
    cache.get("2026-W01"); // used: W02 is now the least recent
    cache.set("2026-W03", pages("2026-W03"));
    expect([...cache.keys()].sort()).toEqual(["2026-W01", "2026-W03"]);
    expect(cache.calculatedSize).toBeLessThanOrEqual(Math.floor(one * 2));
  });
});
