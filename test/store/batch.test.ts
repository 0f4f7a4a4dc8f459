/**
 * Batches retry what DynamoDB hands back unprocessed. Real dynalite processes everything, so a
 * middleware plays a throttled DynamoDB: it passes on only the first request of each batch and
 * returns the rest as unprocessed, exactly as the service does under load.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FeedItem } from "@tidings/core/feed/feed";
import { itemsPublishedBetween, storeFeedItems } from "@tidings/core/store/items";
import { startTestServices, type TestServices } from "../support/services.ts";

type Batch = { RequestItems: Record<string, unknown[] | { Keys: unknown[] }> };

let services: TestServices;
const calls: Record<string, number> = {};

beforeAll(async () => {
  services = await startTestServices();
  const table = services.ctx.db.table;
  services.ctx.db.client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = context.commandName!;
      if (name !== "BatchWriteItemCommand" && name !== "BatchGetItemCommand") return next(args);
      calls[name] = (calls[name] ?? 0) + 1;
      const input = args.input as Batch;
      const writes = name === "BatchWriteItemCommand";
      const all = writes
        ? (input.RequestItems[table] as unknown[])
        : (input.RequestItems[table] as { Keys: unknown[] }).Keys;
      const [first, ...rest] = all;
      const trimmed = writes
        ? { [table]: [first] }
        : { [table]: { ...(input.RequestItems[table] as object), Keys: [first] } };
      const result = await next({ ...args, input: { ...input, RequestItems: trimmed } });
      const output = result.output as Record<string, unknown>;
      if (rest.length) {
        if (writes) output.UnprocessedItems = { [table]: rest };
        else output.UnprocessedKeys = { [table]: { ...(input.RequestItems[table] as object), Keys: rest } };
      }
      return result;
    },
    { step: "initialize", name: "throttle" },
  );
});
afterAll(() => services.close());

const item = (n: number): FeedItem => ({
  id: `https://example.com/${n}`,
  title: `Item ${n}`,
  link: `https://example.com/${n}`,
  published: `2026-05-1${n % 10}T00:00:00.000Z`,
  author: null,
  summary: "",
  categories: [],
  image: null,
});

describe("batches under throttling", () => {
  it("writes every item, retrying the unprocessed ones", async () => {
    const items = [1, 2, 3, 4].map(item);
    const counts = await storeFeedItems(services.ctx.db, { feedKey: "f1", title: "F" }, items, new Date());
    expect(counts).toEqual({ new: 4, updated: 0, unchanged: 0 });
    expect(calls.BatchWriteItemCommand).toBe(4); // one item accepted per call
    const stored = await itemsPublishedBetween(
      services.ctx.db,
      new Date("2026-05-10T00:00:00Z"),
      new Date("2026-05-20T00:00:00Z"),
    );
    expect(stored.map((i) => i.title)).toEqual(["Item 1", "Item 2", "Item 3", "Item 4"]);
  });

  it("reads every hash, retrying the unprocessed keys, so nothing unchanged is rewritten", async () => {
    calls.BatchWriteItemCommand = 0;
    calls.BatchGetItemCommand = 0;
    const counts = await storeFeedItems(
      services.ctx.db,
      { feedKey: "f1", title: "F" },
      [1, 2, 3, 4].map(item),
      new Date(),
    );
    expect(counts).toEqual({ new: 0, updated: 0, unchanged: 4 });
    expect(calls).toEqual({ BatchGetItemCommand: 4, BatchWriteItemCommand: 0 });
  });

  it("stores a feed that repeats an id once", async () => {
    const counts = await storeFeedItems(
      services.ctx.db,
      { feedKey: "f2", title: "G" },
      [item(5), item(5), item(6)],
      new Date(),
    );
    expect(counts).toEqual({ new: 2, updated: 0, unchanged: 0 });
  });
});
