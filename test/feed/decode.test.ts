import { describe, expect, it } from "vitest";
import { decodeFeedBytes } from "@tidings/core/feed/decode";
import { parseFeed } from "@tidings/core/feed/parse";

const feed = (title: string, decl = "") =>
  `<?xml version="1.0"${decl}?><rss><channel><title>${title}</title></channel></rss>`;

describe("decoding a feed's bytes", () => {
  it("follows the XML declaration", () => {
    const bytes = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="windows-1251"?><rss><channel><title>'),
      Buffer.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]), // "Привет" in windows-1251
      Buffer.from("</title></channel></rss>"),
    ]);
    expect(parseFeed(bytes).title).toBe("Привет");
  });

  it("reads GB2312 (as GBK) and ISO-8859-1 (as windows-1252, like browsers)", () => {
    const gb = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="gb2312"?><rss><channel><title>'),
      Buffer.from([0xd6, 0xd0, 0xce, 0xc4]),
      Buffer.from("</title></channel></rss>"),
    ]);
    expect(parseFeed(gb).title).toBe("中文");
    const latin = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><rss><channel><title>caf'),
      Buffer.from([0xe9, 0x20, 0x80]),
      Buffer.from("</title></channel></rss>"),
    ]);
    expect(parseFeed(latin).title).toBe("café €");
  });

  it("uses the HTTP charset when the document says nothing", () => {
    const bytes = Buffer.concat([
      Buffer.from("<rss><channel><title>"),
      Buffer.from([0xcf, 0xf0]),
      Buffer.from("</title></channel></rss>"),
    ]);
    expect(parseFeed(bytes, { contentType: "application/rss+xml; charset=windows-1251" }).title).toBe("Пр");
  });

  it("prefers the document's declaration to a server's wrong charset", () => {
    const bytes = Buffer.from(feed("café", ' encoding="utf-8"'), "utf8");
    expect(parseFeed(bytes, { contentType: "text/xml; charset=iso-8859-1" }).title).toBe("café");
  });

  it("honours a byte-order mark over everything (UTF-8, UTF-16 LE and BE)", () => {
    const text = feed("naïve ✓");
    expect(parseFeed(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])).title).toBe("naïve ✓");
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    expect(parseFeed(le).title).toBe("naïve ✓");
    const be = Buffer.from(text, "utf16le").swap16();
    expect(parseFeed(Buffer.concat([Buffer.from([0xfe, 0xff]), be])).title).toBe("naïve ✓");
  });

  it("sniffs undeclared bytes that are not UTF-8 as windows-1252", () => {
    const bytes = Buffer.concat([
      Buffer.from("<rss><channel><title>Not"),
      Buffer.from([0xed]),
      Buffer.from("cias</title></channel></rss>"),
    ]);
    expect(decodeFeedBytes(bytes)).toContain("Notícias");
  });

  it("survives an unknown charset label", () => {
    expect(parseFeed(Buffer.from(feed("ok", ' encoding="x-made-up"'))).title).toBe("ok");
  });
});
