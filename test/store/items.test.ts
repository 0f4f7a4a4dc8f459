/** Stored items by publication time: the GSI1 query across month partitions. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseFeed } from "@tidings/core/feed/parse";
import { itemsPublishedBetween, storeFeedItems } from "@tidings/core/store/items";
import { seedBytes } from "../support/feeds.ts";
import { startTestServices, type TestServices } from "../support/services.ts";

let services: TestServices;
beforeAll(async () => {
  services = await startTestServices();
  // The seed feed stored twice, as two feeds carrying the same stories (as over HTTP and as a file).
  const feed = parseFeed(seedBytes(), {});
  for (const feedKey of ["seed-over-http", "seed-as-file"])
    await storeFeedItems(services.ctx.db, { feedKey, title: feed.title }, feed.items, new Date("2026-05-20T00:00:00Z"));
});
afterAll(() => services.close());

describe("items published between two instants", () => {
  it("spans months, includes `from`, excludes `to`, oldest first", async () => {
    const items = await itemsPublishedBetween(
      services.ctx.db,
      new Date("2026-04-30T00:00:00Z"),
      new Date("2026-05-19T11:30:04Z"),
    );
    const dates = items.map((i) => i.published!);
    expect(dates.length).toBeGreaterThan(10);
    expect(dates).toEqual([...dates].sort());
    expect(dates[0]! >= "2026-04-30T00:00:00.000Z").toBe(true);
    expect(dates.at(-1)! < "2026-05-19T11:30:04.000Z").toBe(true);
    // Published exactly at `from`: in, once per feed that carries it (the seed over HTTP and as a file).
    const withEnd = await itemsPublishedBetween(
      services.ctx.db,
      new Date("2026-05-19T11:30:04Z"),
      new Date("2026-05-19T11:30:05Z"),
    );
    expect(withEnd.map((i) => i.title)).toEqual(
      Array(2).fill("AMD CEO’s meeting with China’s vice-premier raises optimism about US AI chip imports"),
    );
    expect(new Set(withEnd.map((i) => i.feedKey)).size).toBe(2);
    expect(Object.keys(withEnd[0]!).sort()).toEqual(
      [
        "author",
        "categories",
        "feedKey",
        "feedTitle",
        "id",
        "image",
        "itemKey",
        "link",
        "published",
        "summary",
        "title",
      ].sort(),
    );
  });
});
