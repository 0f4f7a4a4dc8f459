/**
 * Feeds at run time: the registry seeded once from FEEDS, local files keyed by their absolute
 * path, a feed added only after it was fetched and parsed, paused, resumed, fetched now and
 * removed, from the desk and the API; every ingest run reads the registry.
 */
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@tidings/core/admin/api-keys";
import { recentActions } from "@tidings/core/admin/audit";
import { feedsToIngest, registeredFeeds } from "@tidings/core/feed/registry";
import { feedKeyOf } from "@tidings/core/store/feeds";
import { EDITOR, useDesk, type Signed } from "./desk.ts";

const seed = fileURLToPath(new URL("../fixtures/feeds/scmp-semiconductors.xml", import.meta.url));
const atom = fileURLToPath(new URL("../fixtures/feeds/corpus/rsparser__russcox.atom", import.meta.url));
const bed = useDesk({ FEEDS: seed });
let who: Signed;
let key: string;

beforeAll(async () => {
  who = await bed.session();
  key = (await createApiKey(bed.ctx, "feeds", EDITOR, bed.now())).key;
});

describe("the feed registry", () => {
  it("is seeded from FEEDS once, and ingest runs read it", async () => {
    expect(await feedsToIngest(bed.ctx)).toEqual([seed]);
    const [feed] = await registeredFeeds(bed.ctx);
    expect(feed).toMatchObject({ source: seed, status: "active", addedBy: "FEEDS" });
  });

  it("keys a local file by its absolute path: a relative --feed is the same feed", () => {
    expect(feedKeyOf("test/fixtures/feeds/scmp-semiconductors.xml")).toBe(feedKeyOf(seed));
    expect(feedKeyOf(`file://${seed}`)).toBe(feedKeyOf(seed));
  });
});

describe("feeds in the desk", () => {
  it("previews a feed (title and latest items, nothing stored), then adds and fetches it", async () => {
    const preview = await bed.post("/admin/feeds/preview", who, { url: atom });
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).toContain("research!rsc");
    expect(html.match(/<li>/g)?.length).toBe(5);
    expect((await registeredFeeds(bed.ctx)).map((f) => f.source)).toEqual([seed]);

    const added = await bed.post("/admin/feeds", who, { url: atom });
    expect(added.status).toBe(303);
    const feeds = await registeredFeeds(bed.ctx);
    expect(feeds.map((f) => f.source).sort()).toEqual([atom, seed].sort());
    expect(feeds.find((f) => f.source === atom)).toMatchObject({ status: "active", addedBy: EDITOR, failures: 0 });
    expect(await feedsToIngest(bed.ctx)).toContain(atom);
  });

  it("refuses to add what is not a feed, saying why", async () => {
    const res = await bed.post("/admin/feeds/preview", who, {
      url: fileURLToPath(new URL("../../README.md", import.meta.url)),
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(await res.text()).toMatch(/not a feed|malformed/i);
  });

  it("pauses, resumes, fetches now and removes", async () => {
    const id = feedKeyOf(atom);
    expect((await bed.post(`/admin/feeds/${id}/pause`, who)).status).toBe(303);
    expect(await feedsToIngest(bed.ctx)).toEqual([seed]);
    expect((await bed.post(`/admin/feeds/${id}/resume`, who)).status).toBe(303);
    expect(await feedsToIngest(bed.ctx)).toContain(atom);
    expect((await bed.post(`/admin/feeds/${id}/fetch`, who)).status).toBe(303);
    expect((await bed.post(`/admin/feeds/${id}/remove`, who)).status).toBe(303);
    expect((await registeredFeeds(bed.ctx)).map((f) => f.source)).toEqual([seed]);
    expect((await bed.post(`/admin/feeds/${id}/pause`, who)).status).toBe(404);
    const actions = (await recentActions(bed.ctx, bed.now())).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining(["feed.add", "feed.pause", "feed.resume", "feed.fetch", "feed.remove"]),
    );
  });

  it("a registry emptied by hand is not seeded again", async () => {
    expect((await bed.post(`/admin/feeds/${feedKeyOf(seed)}/remove`, who)).status).toBe(303);
    expect(await feedsToIngest(bed.ctx)).toEqual([]);
  });
});

describe("feeds in the API", () => {
  it("lists, adds after fetching, and removes", async () => {
    const added = await bed.api("/feeds", key, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ url: seed }),
    });
    expect(added.status).toBe(201);
    const feed = (await added.json()) as { id: string; url: string; title: string; status: string };
    expect(feed).toMatchObject({ id: feedKeyOf(seed), url: seed, status: "active" });
    expect(feed.title).toContain("Semiconductors");
    const listed = (await (await bed.api("/feeds", key)).json()) as {
      items: { id: string; itemsLastFourWeeks: number }[];
    };
    expect(listed.items.map((f) => f.id)).toEqual([feedKeyOf(seed)]);
    expect((await bed.api(`/feeds/${feed.id}`, key, { method: "DELETE" })).status).toBe(204);
    expect(((await (await bed.api("/feeds", key)).json()) as { items: unknown[] }).items).toEqual([]);
    const bad = await bed.api("/feeds", key, {
      method: "POST",
      body: JSON.stringify({ url: "/no/such/feed.xml" }),
      headers: { "content-type": "application/json" },
    });
    expect(bad.status).toBe(404);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe("feed.no_such_file");
  });
});
