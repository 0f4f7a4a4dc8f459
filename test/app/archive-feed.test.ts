/**
 * GET /digests.xml through the real app and real dynalite: an Atom 1.0 feed of the issues whose
 * delivery began, read by two feed libraries of the ecosystem and our own parser, checked
 * against RFC 4287's required elements, and revalidated with a bodiless 304.
 */
import { load, type CheerioAPI } from "cheerio";
import { parseAtomFeed } from "feedsmith";
import Parser from "rss-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "@tidings/functions/app/app";
import { buildDigest } from "@tidings/core/digest/build";
import { parseFeed } from "@tidings/core/feed/parse";
import { markSendStarted } from "@tidings/core/store/digests";
import { newsletter } from "@tidings/templates/newsletter";
import { startTestServices, type TestServices } from "../support/services.ts";
import { putItems, standIn, storedItem } from "../support/digests.ts";

let services: TestServices;
let app: ReturnType<typeof createApp>;
const weeks = ["2026-W18", "2026-W19", "2026-W20", "2026-W21"];
// Monday of each week, 10:00 UTC: one story a week, one with markup and an ampersand to escape.
const stories = weeks.map((week, i) =>
  storedItem({
    title: i === 2 ? `Fabs & <b>foundries</b> in week ${i}` : `Memory makers in week ${i}`,
    published: new Date(Date.UTC(2026, 3, 27 + 7 * i, 10)).toISOString(),
  }),
);

beforeAll(async () => {
  services = await startTestServices({ PUBLIC_URL: "https://news.example.com" });
  await putItems(services.ctx.db, stories);
  for (const week of weeks) await buildDigest(services.ctx, week, { classifier: standIn });
  // W18, W19 and W20 went out; W21 is built but not sent: not in the feed.
  for (const [i, week] of weeks.slice(0, 3).entries()) {
    await markSendStarted(services.ctx.db, week, new Date(Date.UTC(2026, 4, 4 + 7 * i, 6)));
  }
  app = createApp({ ctx: services.ctx, clientAddress: () => "127.0.0.1" });
});
afterAll(() => services.close());

const feed = () => app.request("/digests.xml");

/** The children of `parent` named `name` (Atom namespace, no prefix). */
const children = ($: CheerioAPI, parent: string, name: string) => $(parent).children(name);
const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

describe("the archive feed", () => {
  it("is Atom, newest first, the sent issues only, each with week, subject, date and the web edition", async () => {
    const res = await feed();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
    const xml = await res.text();
    const parsed = await new Parser().parseString(xml);
    expect(parsed.title).toBe(newsletter.name);
    expect(parsed.items.map((i) => i.link)).toEqual(
      ["2026-W20", "2026-W19", "2026-W18"].map((w) => `https://news.example.com/digests/${w}`),
    );
    expect(parsed.items[0]!.title).toMatch(
      /^Tidings: Semiconductors · 11\s?–\s?17 May 2026 · Fabs & <b>foundries<\/b>/,
    );
    expect(parsed.items[0]!.isoDate).toBe("2026-05-18T06:00:00.000Z");
    expect(parsed.items[0]!.summary).toMatch(/^Week 20, 2026 · 11\s?–\s?17 May 2026 · 1 story$/);
    // The content is the web edition's HTML: its stories, no personal link.
    const content = load(parsed.items[0]!.content ?? "");
    expect(content("a.card-title").text()).toBe("Fabs & <b>foundries</b> in week 2");
    expect(parsed.items[0]!.content).not.toMatch(/unsubscribe\?token|preferences\?token|\{\{/);

    const smith = parseAtomFeed(xml);
    expect(smith.entries?.map((e) => e.id)).toEqual(parsed.items.map((i) => i.link));
    expect(smith.entries?.[1]?.updated).toBe("2026-05-11T06:00:00.000Z");

    const ours = parseFeed(xml);
    expect(ours.format).toBe("atom1");
    expect(ours.items.map((i) => [i.link, i.published])).toEqual([
      ["https://news.example.com/digests/2026-W20", "2026-05-18T06:00:00.000Z"],
      ["https://news.example.com/digests/2026-W19", "2026-05-11T06:00:00.000Z"],
      ["https://news.example.com/digests/2026-W18", "2026-05-04T06:00:00.000Z"],
    ]);
  });

  it("has every element RFC 4287 requires of a feed and of its entries", async () => {
    const $ = load(await (await feed()).text(), { xml: true });
    const root = $.root().children();
    expect(root.length).toBe(1);
    expect(root.is("feed")).toBe(true);
    expect(root.attr("xmlns")).toBe("http://www.w3.org/2005/Atom");
    // atom:feed: exactly one id, title, updated; an author (here the feed's, for every entry).
    for (const name of ["id", "title", "updated"]) expect(children($, "feed", name).length, name).toBe(1);
    expect(children($, "feed", "author").children("name").text()).toBe(newsletter.name);
    expect(children($, "feed", "updated").text()).toMatch(rfc3339);
    expect(new URL(children($, "feed", "id").text()).protocol).toBe("https:");
    const links = children($, "feed", "link");
    expect(links.filter('[rel="self"]').attr("href")).toBe("https://news.example.com/digests.xml");
    expect(links.filter('[rel="alternate"][type="text/html"]').length).toBe(1);
    const entries = $("feed > entry");
    expect(entries.length).toBe(3);
    const ids = new Set<string>();
    entries.each((_, e) => {
      const entry = $(e);
      for (const name of ["id", "title", "updated"]) expect(entry.children(name).length, name).toBe(1);
      expect(entry.children("updated").text()).toMatch(rfc3339);
      ids.add(entry.children("id").text());
      // An entry with content of type html needs no alternate link, but has one; at most one per type.
      expect(entry.children("content").attr("type")).toBe("html");
      expect(entry.children('link[rel="alternate"]').length).toBe(1);
    });
    expect(ids.size).toBe(3); // ids are unique
    // The feed's updated is its newest entry's.
    expect(children($, "feed", "updated").text()).toBe(entries.first().children("updated").text());
  });

  it("answers a second request carrying its ETag with 304 and no body, and changes once another issue goes out", async () => {
    const first = await feed();
    const tag = first.headers.get("etag")!;
    expect(tag).toMatch(/^"[\w-]+"$/); // strong
    expect(first.headers.get("cache-control")).toBe("public, max-age=0, s-maxage=60");
    const again = await app.request("/digests.xml", { headers: { "if-none-match": tag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("etag")).toBe(tag);

    await markSendStarted(services.ctx.db, "2026-W21", new Date(Date.UTC(2026, 4, 25, 6)));
    const changed = await app.request("/digests.xml", { headers: { "if-none-match": tag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(tag);
    expect((await new Parser().parseString(await changed.text())).items[0]!.link).toMatch(/2026-W21$/);
  });

  it("is linked from every archive page", async () => {
    for (const path of ["/", "/digests", "/digests/2026-W20", "/digests/2026-W20/email"]) {
      const $ = load(await (await app.request(path)).text());
      expect($('link[rel="alternate"][type="application/atom+xml"]').attr("href"), path).toBe("/digests.xml");
    }
  });
});
