import { describe, expect, it } from "vitest";
import { resolveUrl } from "@tidings/core/feed/links";
import { parseFeed } from "@tidings/core/feed/parse";

describe("links", () => {
  it("resolves relative links and keeps only http(s)", () => {
    expect(resolveUrl("/a/b?c=1", "https://example.com/feed")).toBe("https://example.com/a/b?c=1");
    expect(resolveUrl("../x", "https://example.com/a/b/c")).toBe("https://example.com/a/x");
    expect(resolveUrl("//cdn.example.com/p.jpg", "https://example.com/")).toBe("https://cdn.example.com/p.jpg");
    expect(resolveUrl(" https://example.com/a b ", undefined)).toBe("https://example.com/a%20b");
    expect(resolveUrl("/relative", undefined)).toBeNull();
    for (const bad of [
      "javascript:alert(1)",
      "JavaScript:alert(1)",
      "data:text/html,x",
      "file:///etc/passwd",
      "mailto:a@b.c",
      "ftp://x/y",
    ]) {
      expect(resolveUrl(bad, "https://example.com/")).toBeNull();
    }
  });

  it("returns absolute URLs exactly as the WHATWG parser would (its shortcut included)", () => {
    const urls = [
      "https://www.scmp.com/tech/a?utm_source=rss_feed",
      "HTTP://Example.COM/x",
      "http://a.com",
      "http://a.com:80/x",
      "http://a.com/./x/../y",
      "http://a.com/%2e%2E/y",
      "http://a.com/?q='x'",
      "http://0x7f.1/",
      "https://a.com/é?ü=1#ß",
      "https://a.com/p(1)*!$;b=c:d@e?x=/.y#z",
    ];
    for (const url of urls) expect(resolveUrl(url, undefined)).toBe(new URL(url).href);
  });

  it("applies xml:base at every level, each relative to its parent's", () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://example.org/blog/">
      <title>t</title><link href="./"/>
      <entry xml:base="2026/"><id>1</id><title>one</title><link href="05/one.html"/></entry>
      <entry><id>2</id><title>two</title><link xml:base="/other/" href="two.html"/></entry>
    </feed>`;
    const feed = parseFeed(atom, { url: "https://feeds.example.net/blog.xml" });
    expect(feed.link).toBe("https://example.org/blog/");
    expect(feed.items.map((i) => i.link)).toEqual([
      "https://example.org/blog/2026/05/one.html",
      "https://example.org/other/two.html",
    ]);
  });

  it("resolves a relative xml:base against the feed's URL", () => {
    const rss = `<rss version="2.0" xml:base="news/"><channel><title>t</title><item><link>one.html</link></item></channel></rss>`;
    expect(parseFeed(rss, { url: "https://example.com/feeds/rss.xml" }).items[0]!.link).toBe(
      "https://example.com/feeds/news/one.html",
    );
  });

  it("prefers rel=alternate text/html, then any alternate, ignoring self, enclosure and replies", () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
      <entry><id>1</id><link rel="self" href="https://e.com/self"/><link rel="alternate" type="application/json" href="https://e.com/json"/>
      <link rel="replies" href="https://e.com/replies"/><link href="https://e.com/html" type="text/html"/></entry></feed>`;
    expect(parseFeed(atom).items[0]!.link).toBe("https://e.com/html");
  });
});
