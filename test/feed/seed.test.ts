/**
 * The seed feed (SCMP Semiconductors, the default FEEDS): all 50 items, every field, checked
 * against values read out of the XML by a separate, naive extraction — and a few by hand.
 * The feed carries a bogus `xml:base="link"` and binds `media:` to rssboard.org's URI.
 */
import { describe, expect, it } from "vitest";
import { parseFeed } from "@tidings/core/feed/parse";
import { seedBytes } from "../support/feeds.ts";

const xml = seedBytes().toString("utf8");
const rawItems = [...xml.matchAll(/<item>([\s\S]*?)<\/item>/g)].map((m) => m[1]!);
const field = (item: string, tag: string) => new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(item)?.[1] ?? "";
const unescape = (s: string) =>
  s
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#039;/g, "'");

/** What each item should be, by the naive reading. */
const expected = rawItems.map((item) => ({
  id: unescape(/<guid[^>]*>([^<]*)<\/guid>/.exec(item)![1]!),
  title: unescape(field(item, "title")),
  link: unescape(field(item, "link")),
  published: new Date(field(item, "pubDate")).toISOString(),
  author: field(item, "author")
    .split(",")
    .map((a) => a.trim())
    .join(", "),
  summary: unescape(field(item, "description")).replace(/\s+/g, " ").trim(),
  categories: [] as string[],
  image: unescape(/<media:content [^>]*url="([^"]+)"/.exec(item)![1]!),
}));

describe("the seed feed", () => {
  const local = parseFeed(seedBytes());
  const fetched = parseFeed(seedBytes(), { url: "https://www.scmp.com/rss/519738/feed" });

  it("is RSS 2.0 with its 50 items", () => {
    expect(local).toMatchObject({
      format: "rss2",
      title: "Semiconductors - South China Morning Post",
      link: "https://www.scmp.com/rss/519738/feed",
    });
    expect(rawItems).toHaveLength(50);
    expect(local.items).toHaveLength(50);
  });

  it("has every field of every item right", () => {
    expect(local.items).toEqual(expected);
  });

  it("reads the same whether its URL is known or not: the bogus xml:base changes no absolute link", () => {
    expect(fetched.items).toEqual(local.items);
  });

  it("has the values a reader sees, item by item", () => {
    expect(local.items[0]).toEqual({
      id: "https://www.scmp.com/tech/tech-war/article/3354097/amd-ceos-meeting-chinas-vice-premier-raises-optimism-about-us-ai-chip-imports?utm_source=rss_feed",
      title: "AMD CEO’s meeting with China’s vice-premier raises optimism about US AI chip imports",
      link: "https://www.scmp.com/tech/tech-war/article/3354097/amd-ceos-meeting-chinas-vice-premier-raises-optimism-about-us-ai-chip-imports?utm_source=rss_feed",
      published: "2026-05-19T11:30:04.000Z",
      author: "Minxiao Chang, Wency Chen, Eunice Xu",
      summary:
        "A recent meeting between Chinese Vice-Premier He Lifeng and Advanced Micro Devices (AMD) CEO Lisa Su signals a potential loosening of US chip export policies, which could reopen high-end semiconductor sales, including artificial intelligence chips, to select Chinese firms, according to analysts. During their meeting on Monday, He reiterated that Beijing welcomed continued foreign investment, according to Xinhua News Agency. Su praised the outcomes of last week’s summit between President Xi...",
      categories: [],
      image:
        "https://cdn.i-scmp.com/sites/default/files/styles/1280x720/public/d8/images/canvas/2026/05/19/2a06688f-00c3-4753-9980-b9139fa596bf_6012522a.jpg?itok=cyv0OEvo&v=1779181711",
    });
    const rd = local.items.find((i) => i.title.startsWith("China’s chipmakers pour revenue"));
    expect(rd?.title).toBe("China’s chipmakers pour revenue into R&D, outpacing US ratios");
    const last = local.items[49]!;
    expect(last).toMatchObject({
      title: "TSMC Japan plan for advanced chips seen as hedge against pressure from US, China",
      published: "2026-02-05T12:00:10.000Z",
      author: "Ralph Jennings",
      image:
        "https://cdn.i-scmp.com/sites/default/files/styles/1280x720/public/d8/images/canvas/2026/02/05/d71cb645-a070-4262-8e24-da6c0a5b0a12_e64bd2d5.jpg?itok=RdCLitTM&v=1770285766",
    });
  });

  it("has plain-text titles and summaries, unique ids, an image and an author for every item", () => {
    expect(new Set(local.items.map((i) => i.id)).size).toBe(50);
    for (const item of local.items) {
      expect(item.title).not.toMatch(/[<>]|&\w+;/);
      expect(item.summary).not.toMatch(/[<>]|&\w+;|\s{2}/);
      expect(item.image).toMatch(/^https:\/\/cdn\.i-scmp\.com\//);
      expect(item.author).toBeTruthy();
    }
  });
});
