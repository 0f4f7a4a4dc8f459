/** Hostile documents: nothing external is read, nothing expands without bound, no markup or script gets through. */
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { parseFeed } from "@tidings/core/feed/parse";
import { feedsDir, parseError } from "../support/feeds.ts";

/** An RSS document with one item; `extra` goes inside the item, after the title (and the description, when given). */
const rss = (doctype: string, title: string, extra = "", description?: string) =>
  `<?xml version="1.0"?>\n${doctype}\n<rss version="2.0"><channel><title>${title}</title><link>https://example.com/</link>` +
  `<item><title>${title}</title>${description === undefined ? "" : `<description>${description}</description>`}` +
  `<link>https://example.com/a</link>${extra}</item></channel></rss>`;

describe("entities", () => {
  it("a billion laughs fails fast as an entity bomb", () => {
    const levels = ['<!ENTITY lol "lol">'];
    for (let i = 1; i <= 9; i++) levels.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? "" : i - 1};`.repeat(10)}">`);
    const e = parseError(rss(`<!DOCTYPE lolz [${levels.join("\n")}]>`, "&lol9;"));
    expect(e).toMatchObject({ kind: "invalid", code: "feed.entity_bomb" });
    expect(e.message).toMatch(/^refused: entity "lol\d" expands beyond 65536 characters \(an entity bomb\)/);
  });

  it("the same bomb fails even when no element uses it", () => {
    const levels = [
      '<!ENTITY a "aaaaaaaaaa">',
      ...[1, 2, 3, 4, 5, 6].map((i) => `<!ENTITY a${i} "${`&a${i === 1 ? "" : i - 1};`.repeat(10)}">`),
    ];
    expect(parseError(rss(`<!DOCTYPE x [${levels.join("")}]>`, "quiet")).code).toBe("feed.entity_bomb");
  });

  it("a quadratic blow-up (one big entity used many times) hits the document's budget", () => {
    const big = "x".repeat(60_000);
    const e = parseError(rss(`<!DOCTYPE x [<!ENTITY big "${big}">]>`, "&big;".repeat(100)));
    expect(e).toMatchObject({
      code: "feed.entity_bomb",
      message: expect.stringContaining("expand beyond a safe size"),
    });
  });

  it("recursive entities are refused", () => {
    const e = parseError(rss('<!DOCTYPE x [<!ENTITY a "&b;"><!ENTITY b "&a;">]>', "&a;"));
    expect(e).toMatchObject({ code: "feed.entity_bomb", message: expect.stringContaining("refers to itself") });
  });

  it("a small internal entity is fine and expands", () => {
    const feed = parseFeed(rss('<!DOCTYPE rss [<!ENTITY co "Tidings &amp; Co">]>', "News from &co;"));
    expect(feed.items[0]!.title).toBe("News from Tidings & Co");
  });

  it("an external entity naming /etc/passwd is never read", () => {
    const feed = parseFeed(rss('<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', "before &xxe; after"));
    expect(feed.items[0]!.title).toBe("before after");
    expect(JSON.stringify(feed)).not.toMatch(/root:/);
  });

  it("an external entity naming a file inside the repository is never read either", () => {
    const inside = pathToFileURL(feedsDir + "scmp-semiconductors.xml").href;
    for (const system of [inside, "../fixtures/feeds/scmp-semiconductors.xml", "scmp-semiconductors.xml"]) {
      const doc = rss(
        `<!DOCTYPE rss [<!ENTITY leak SYSTEM "${system}"><!ENTITY % pe SYSTEM "${system}"> %pe;]>`,
        "x&leak;y",
      );
      const feed = parseFeed(doc, { url: pathToFileURL(feedsDir + "evil.xml").href });
      expect(feed.items[0]!.title).toBe("xy");
      expect(JSON.stringify(feed)).not.toContain("South China Morning Post");
    }
  });

  it("a PUBLIC DTD (RSS 0.91's) is never fetched", () => {
    const doctype =
      '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://127.0.0.1:9/rss-0.91.dtd">';
    expect(parseFeed(rss(doctype, "Caf&eacute; &amp; more")).items[0]!.title).toBe("Café & more");
  });
});

describe("size", () => {
  it("a 50 MB body is refused before parsing", () => {
    const body = Buffer.alloc(50 * 1024 * 1024, " ");
    body.write('<?xml version="1.0"?><rss><channel><title>big</title>', 0);
    const e = parseError(body);
    expect(e).toMatchObject({ kind: "too_large", code: "feed.too_large", status: 413 });
    expect(e.message).toBe("refused: the feed is larger than 20 MiB");
  });

  it("a DOCTYPE bomb (a huge internal subset, or thousands of declarations) is refused", () => {
    const huge = `<!DOCTYPE rss [<!-- ${"x".repeat(300_000)} -->]>`;
    expect(parseError(rss(huge, "t")).code).toBe("feed.entity_bomb");
    const many = Array.from({ length: 5000 }, (_, i) => `<!ENTITY e${i} "v">`).join("");
    expect(parseError(rss(`<!DOCTYPE rss [${many}]>`, "t"))).toMatchObject({
      code: "feed.entity_bomb",
      message: expect.stringContaining("more than 1000 entities"),
    });
  });

  it("pathological nesting is malformed, not a stack overflow", () => {
    const deep = "<rss><channel>" + "<x>".repeat(10_000) + "</x>".repeat(10_000) + "</channel></rss>";
    expect(parseError(deep).code).toBe("feed.malformed");
  });
});

describe("content", () => {
  const evil = rss(
    "",
    "Hello &lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;world&lt;/b&gt;",
    `<link>javascript:alert(1)</link><description><![CDATA[<p onclick="x()">Text<script>document.cookie</script><style>p{}</style></p>]]></description><content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/"><![CDATA[<p onclick="x()">Text<script>document.cookie</script><style>p{}</style><img src="javascript:alert(2)"><iframe src="https://evil.example/"></iframe></p>]]></content:encoded><enclosure url="javascript:alert(3)" type="image/png"/>`,
  );

  it("drops script and style content and every tag from titles and summaries", () => {
    const [item] = parseFeed(evil).items;
    expect(item!.title).toBe("Hello world");
    expect(item!.summary).toBe("Text");
  });

  it("keeps no javascript: (or other non-http) link, image or enclosure", () => {
    const [item] = parseFeed(evil).items;
    expect(item!.link).toBe("https://example.com/a"); // the javascript: <link> comes second and is never taken
    expect(item!.image).toBeNull();
    const data = parseFeed(
      rss(
        "",
        "t",
        '<media:content xmlns:media="http://search.yahoo.com/mrss/" url="data:image/png;base64,AAAA" medium="image"/>',
      ),
    );
    expect(data.items[0]!.image).toBeNull();
  });

  it("decodes double-escaped markup and still strips it", () => {
    const feed = parseFeed(rss("", "t", "", "&amp;lt;img src=x onerror=alert(1)&amp;gt;Safe &amp;amp; sound"));
    expect(feed.items[0]!.summary).toBe("Safe & sound");
  });

  it("stays linear on a million unclosed tags (an unterminated tag ends the text, as in a browser)", () => {
    const feed = parseFeed(
      rss("", `x &lt;a "${"&lt;a &quot;".repeat(250_000)}`, "", `<![CDATA[ok ${'<a "'.repeat(250_000)}]]>`),
    );
    expect(feed.items[0]!.summary).toBe("ok");
    expect(feed.items[0]!.title).toBe("x");
  });

  it("a link or image on a relative path resolves only against http(s)", () => {
    const doc = rss(
      "",
      "t",
      '<enclosure url="/pics/a.jpg" type="image/jpeg"/>',
      '<![CDATA[<a href="/x">x</a>]]>',
    ).replace("<link>https://example.com/a</link>", "<link>/posts/1</link>");
    expect(parseFeed(doc, { url: "https://news.example/feed" }).items[0]).toMatchObject({
      link: "https://news.example/posts/1",
      image: "https://news.example/pics/a.jpg",
    });
    // A file: URL is no base: the channel's own (http) link is the next best.
    expect(parseFeed(doc, { url: "file:///etc/feed.xml" }).items[0]).toMatchObject({
      link: "https://example.com/posts/1",
      image: "https://example.com/pics/a.jpg",
    });
    const nowhere = doc.replace("<link>https://example.com/</link>", "");
    expect(parseFeed(nowhere, { url: "file:///etc/feed.xml" }).items[0]).toMatchObject({ link: "", image: null });
  });
});
