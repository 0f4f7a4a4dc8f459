/**
 * The corpus's broken documents get the error their kind deserves (or a lenient recovery that
 * keeps what is sound), and every corpus file is covered by some test of this folder.
 */
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { corpusBytes, corpusFiles, parseCorpus, parseError } from "../support/feeds.ts";

describe("broken documents", () => {
  it("an empty body is not a feed", () => {
    const e = parseError(corpusBytes("gofeed__empty_feed.xml"));
    expect(e).toMatchObject({ kind: "invalid", code: "feed.not_a_feed", message: "not a feed: the body is empty" });
  });

  it("an HTML5 page is not a feed", () => {
    const e = parseError(corpusBytes("nodefeedparser__notafeed.html"));
    expect(e).toMatchObject({ code: "feed.not_a_feed", message: "not a feed: the document is an HTML page" });
    expect(e.status).toBe(400);
  });

  it("a 'Document Moved' page without <html> is still an HTML page", () => {
    const e = parseError(corpusBytes("rssparser__unrecognized-html.rss"));
    expect(e).toMatchObject({ code: "feed.not_a_feed", message: "not a feed: the document is an HTML page" });
  });

  it("saxerror: an unescaped & in one link costs nothing else (lenient recovery)", () => {
    const feed = parseCorpus("nodefeedparser__saxerror.xml");
    expect(feed.items.map((i) => [i.title, i.link])).toEqual([
      ["Good Item", "http://example.com/good"],
      ["Bad Item", "http://example.com/bad?foo=1&bar=2"],
      ["Item After Error", "http://example.com/after"],
    ]);
    expect(feed.items[2]!.summary).toBe("This item comes after the SAX error.");
  });

  it("a document that is not XML, not JSON, or the wrong root is not a feed", () => {
    expect(parseError("just some text").message).toBe("not a feed: the body is neither XML nor JSON");
    expect(parseError('{"hello": "world"}').message).toBe("not a feed: JSON, but not a JSON Feed");
    expect(parseError("<?xml version='1.0'?><svg xmlns='http://www.w3.org/2000/svg'/>").message).toBe(
      "not a feed: unknown root element <svg>",
    );
    expect(parseError("<opml version='2.0'><body/></opml>").code).toBe("feed.not_a_feed");
  });

  it("XML that cannot be parsed at all is malformed", () => {
    expect(parseError("<rss><channel><title>t</title><item><title>x</titl").code).toBe("feed.malformed");
    expect(parseError("<rss><channel><!-- never closed").code).toBe("feed.malformed");
    expect(parseError('{"version": "https://jsonfeed.org/version/1.1", "items": [').code).toBe("feed.malformed");
  });
});

describe("the corpus", () => {
  it("has every file covered by an assertion in this folder", () => {
    const dir = fileURLToPath(new URL(".", import.meta.url));
    const tests = readdirSync(dir)
      .filter((f) => f.startsWith("corpus") && f.endsWith(".test.ts"))
      .map((f) => readFileSync(dir + f, "utf8"))
      .join("\n");
    const uncovered = corpusFiles().filter((f) => !tests.includes(`"${f}"`));
    expect(uncovered).toEqual([]);
    expect(corpusFiles()).toHaveLength(40);
  });
});
