/**
 * Atom text constructs (RFC 4287 §3.1): `type="text"`, the default, is text, kept as written;
 * only `html` and `xhtml` are markup to strip. The same for titles, summaries and content.
 */
import { describe, expect, it } from "vitest";
import { parseFeed } from "@tidings/core/feed/parse";

const atom = (entry: string, feedTitle = "<title>Feed</title>") =>
  parseFeed(
    Buffer.from(
      `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">${feedTitle}` +
        `<entry><id>urn:1</id><link href="https://news.example/1"/><updated>2026-05-18T08:00:00Z</updated>${entry}</entry></feed>`,
    ),
    { url: "https://news.example/feed.atom" },
  );
const entryOf = (entry: string) => atom(entry).items[0]!;

describe("an Atom title", () => {
  it("of the default type is text: what looks like a tag is words", () => {
    expect(entryOf("<title>Why &lt;div&gt; soup?</title>").title).toBe("Why <div> soup?");
    expect(entryOf('<title type="text">Why &lt;div&gt; soup?</title>').title).toBe("Why <div> soup?");
    expect(entryOf("<title><![CDATA[Why <div> soup?]]></title>").title).toBe("Why <div> soup?");
  });

  it("of type text is decoded once, and loses only elements the XML itself holds", () => {
    expect(entryOf("<title>Tags &amp;lt;b&amp;gt; &amp; entities</title>").title).toBe("Tags &lt;b&gt; & entities");
    expect(entryOf("<title>Bold <b>news</b>,\n  at last</title>").title).toBe("Bold news, at last");
  });

  it("of type html or xhtml is markup, stripped", () => {
    expect(entryOf('<title type="html">Why &lt;b&gt;chips&lt;/b&gt; matter</title>').title).toBe("Why chips matter");
    expect(
      entryOf('<title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Why <b>chips</b> matter</div></title>')
        .title,
    ).toBe("Why chips matter");
  });

  it("of the feed itself is read the same way", () => {
    expect(atom("<title>x</title>", "<title>&lt;div&gt; weekly</title>").title).toBe("<div> weekly");
    expect(atom("<title>x</title>", '<title type="html">&lt;b&gt;Chips&lt;/b&gt; weekly</title>').title).toBe(
      "Chips weekly",
    );
  });
});

describe("an Atom summary or content", () => {
  it("given as text keeps its words, and has no picture", () => {
    const item = entryOf('<title>t</title><summary>Write &lt;img src="a.png"&gt; &amp; &lt;p&gt; by hand</summary>');
    expect(item).toMatchObject({ summary: 'Write <img src="a.png"> & <p> by hand', image: null });
    const content = entryOf('<title>t</title><content type="text">Use &lt;div&gt; sparingly.</content>');
    expect(content.summary).toBe("Use <div> sparingly.");
    expect(entryOf('<title>t</title><content type="text/plain">a &lt;b&gt; c</content>').summary).toBe("a <b> c");
  });

  it("given as html or xhtml is stripped, and its picture found", () => {
    const html = entryOf(
      '<title>t</title><content type="html">&lt;p&gt;Chips &lt;img src="https://img.example/a.jpg"&gt;&lt;/p&gt;</content>',
    );
    expect(html).toMatchObject({ summary: "Chips", image: "https://img.example/a.jpg" });
    const xhtml = entryOf(
      '<title>t</title><summary type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Fabs</p><p>expand</p></div></summary>',
    );
    expect(xhtml.summary).toBe("Fabs expand");
  });

  it("given as a long text is cut at a word, like any summary", () => {
    const words = Array.from({ length: 2000 }, (_, i) => `w${i}&lt;x&gt;`).join(" ");
    const { summary } = entryOf(`<title>t</title><content>${words}</content>`);
    expect(summary.length).toBeLessThanOrEqual(600);
    expect(summary).toMatch(/^w0<x> w1<x> .*…$/);
  });
});

describe("Atom 0.3", () => {
  const atom03 = (entry: string) =>
    parseFeed(
      Buffer.from(
        `<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Old</title>` +
          `<entry><id>urn:1</id><issued>2026-05-18T08:00:00Z</issued>${entry}</entry></feed>`,
      ),
      {},
    ).items[0]!;

  it("reads text/plain (its default) as text, and HTML types as markup, escaped or base64", () => {
    expect(atom03("<title>Why &lt;div&gt; soup?</title>").title).toBe("Why <div> soup?");
    expect(atom03('<title type="text/html" mode="escaped">&lt;b&gt;Bold&lt;/b&gt; move</title>').title).toBe(
      "Bold move",
    );
    const encoded = Buffer.from("<p>Encoded <b>summary</b></p>").toString("base64");
    expect(atom03(`<title>t</title><summary type="text/html" mode="base64">${encoded}</summary>`).summary).toBe(
      "Encoded summary",
    );
  });
});
