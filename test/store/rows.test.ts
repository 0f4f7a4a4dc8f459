/**
 * Rows as the store writes and reads them, against real dynalite: every row it writes carries
 * its entity's `type`, and rows written before `type` existed are still found and read.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PutCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { listActiveSubscribers } from "@tidings/core/store/active-subscribers";
import { getDigest, listDigests, putDigest } from "@tidings/core/store/digests";
import { feedKeyOf, getFeedState, listFeedStates, putFeedState } from "@tidings/core/store/feeds";
import { itemsPublishedBetween, storeFeedItems } from "@tidings/core/store/items";
import { digestKeys, feedKeys, itemKeys, sendKeys, subscriberKeys } from "@tidings/core/store/keys";
import { hitRateLimit } from "@tidings/core/store/rate-limits";
import { claimSend, getSend } from "@tidings/core/store/sends";
import { getSubscriber } from "@tidings/core/store/subscribers";
import { suppressSubscriber } from "@tidings/core/store/subscriber-state";
import { EmailAddress } from "@tidings/core/subscription/address";
import { subscriberId } from "@tidings/core/subscription/subscriber";
import { startTestServices, type TestServices } from "../support/services.ts";
import { addReaders, storeDigest } from "../support/sending.ts";

let services: TestServices;
beforeAll(async () => (services = await startTestServices()));
afterAll(() => services.close());

const db = () => services.ctx.db;
const scan = async () => (await db().client.send(new ScanCommand({ TableName: db().table }))).Items ?? [];
const put = (Item: Record<string, unknown>) => db().client.send(new PutCommand({ TableName: db().table, Item }));
const now = new Date("2026-05-18T09:00:00Z");
const idOf = (address: string) => subscriberId(services.ctx, EmailAddress.parse(address));

describe("every row the store writes", () => {
  it("carries its entity's type", async () => {
    const [reader] = await addReaders(services.ctx, 1, "typed"); // claimed, then activated
    const email = EmailAddress.parse("bounced@example.com");
    await suppressSubscriber(db(), { id: await idOf(email), email, kind: "bounce", detail: "test", now });
    await putFeedState(db(), {
      feedKey: "f1",
      source: "https://feed.example/",
      url: "https://feed.example/",
      failures: 0,
    });
    const item = { id: "urn:1", title: "T", link: "", published: now.toISOString(), author: null, summary: "" };
    await storeFeedItems(db(), { feedKey: "f1", title: "Feed" }, [{ ...item, categories: [], image: null }], now);
    await storeDigest(db(), "2026-W20");
    await claimSend(db(), "2026-W20", reader!.id, now.getTime(), 60_000);
    await hitRateLimit(db(), { scope: "test", key: "k", max: 1, windowSeconds: 60 }, now);

    const types = (await scan()).map((row) => `${String(row.PK).split("#")[0]}: ${row.type}`);
    expect([...new Set(types)].sort()).toEqual([
      "DIGEST: digest",
      "FEED: feed",
      "FEED: item",
      "INSTALLATION: installation-key",
      "RATE: rate-limit",
      "READERS: reader-counts",
      "SEND: send",
      "SUB: subscriber",
    ]);
  });
});

describe("a row written before rows had a type", () => {
  it("is found and read like any other, without its keys", async () => {
    const week = "2026-W30";
    const id = await idOf("old@example.com");
    const at = "2026-07-21T08:00:00.000Z";
    const feed = { feedKey: feedKeyOf("https://old.example/"), source: "https://old.example/", failures: 2 };
    await put({ ...feedKeys.key(feed.feedKey), ...feedKeys.index(feed.feedKey), ...feed, url: feed.source });
    await put({
      ...itemKeys.key(feed.feedKey, "i-old"),
      ...itemKeys.index(at, feed.feedKey, "i-old"),
      ...{ id: "urn:old", title: "Old", link: "", published: at, author: null, summary: "", categories: [] },
      ...{ image: null, feedKey: feed.feedKey, itemKey: "i-old", feedTitle: "Old feed", contentHash: "h" },
      firstSeen: at,
    });
    await put({
      ...subscriberKeys.key(id),
      ...subscriberKeys.activeIndex(id),
      ...{ id, email: "old@example.com", state: "active", createdAt: at, updatedAt: at },
    });
    await put({ ...sendKeys.key(week, id), week, subscriberId: id, status: "sent", claimId: "c", claimedAt: 1 });
    const digest = await storeDigest(db(), week);
    const { type, ...digestRow } = (await scan()).find((r) => r.PK === digestKeys.key(week).PK)!;
    expect(type).toBe("digest");
    await put(digestRow); // the same digest, as a row without its type

    expect(await getFeedState(db(), feed.source)).toEqual({ ...feed, url: feed.source });
    expect(await listFeedStates(db())).toContainEqual({ ...feed, url: feed.source });
    const items = await itemsPublishedBetween(db(), new Date("2026-07-20T00:00:00Z"), new Date("2026-07-27T00:00:00Z"));
    expect(items).toEqual([expect.objectContaining({ id: "urn:old", itemKey: "i-old", feedTitle: "Old feed" })]);
    expect(Object.keys(items[0]!)).not.toContain("PK");
    expect(Object.keys(items[0]!)).not.toContain("contentHash");
    expect(await getSubscriber(db(), id)).toEqual({
      id,
      email: "old@example.com",
      state: "active",
      createdAt: at,
      updatedAt: at,
    });
    const active: string[] = [];
    for await (const page of listActiveSubscribers(db())) active.push(...page.map((s) => s.id));
    expect(active).toContain(id);
    expect(await getSend(db(), week, id)).toEqual({
      week,
      subscriberId: id,
      status: "sent",
      claimId: "c",
      claimedAt: 1,
    });
    expect(await getDigest(db(), week)).toEqual(digest);
    expect((await listDigests(db())).map((d) => d.week)).toContain(week);
  });
});
