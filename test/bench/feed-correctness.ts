/**
 * What the peers get right, beside how fast they are: small documents with one known answer
 * each, read by Tidings, rss-parser and feedsmith. Each peer gets the body as `res.text()`
 * would give it (UTF-8); Tidings gets the bytes. Printed by feed-parse.bench.ts.
 */
import { parseFeed as feedsmithParse } from "feedsmith";
import RssParser from "rss-parser";
import { parseFeed } from "@tidings/core/feed/parse";

type Answer = { link?: unknown; date?: unknown; author?: unknown; title?: unknown; text?: unknown };
type Reader = (bytes: Buffer) => Promise<Answer>;

const rss = (item: string, decl = "", root = "") =>
  `<?xml version="1.0"${decl}?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"${root}><channel><title>T</title>` +
  `<link>https://example.com/</link><item>${item}</item></channel></rss>`;

const cp1251 = Buffer.concat([
  Buffer.from('<?xml version="1.0" encoding="windows-1251"?><rss version="2.0"><channel><title>T</title><item><title>'),
  Buffer.from([0xcf, 0xf0, 0xe8, 0xe2, 0xe5, 0xf2]),
  Buffer.from("</title></item></channel></rss>"),
]);

const checks: { name: string; doc: Buffer; field: keyof Answer; expected: unknown }[] = [
  {
    name: "relative link under xml:base",
    doc: Buffer.from(rss("<title>a</title><link>post.html</link>", "", ' xml:base="https://example.com/blog/"')),
    field: "link",
    expected: "https://example.com/blog/post.html",
  },
  { name: "windows-1251 title", doc: cp1251, field: "title", expected: "Привет" },
  {
    name: "Feb 30 is no date (not Mar 2)",
    doc: Buffer.from(rss("<title>a</title><pubDate>Mon, 30 Feb 2026 10:00:00 GMT</pubDate>")),
    field: "date",
    expected: null,
  },
  {
    name: "a date without a zone is UTC",
    doc: Buffer.from(rss("<title>a</title><dc:date>2026-05-19T11:30:00</dc:date>")),
    field: "date",
    expected: "2026-05-19T11:30:00.000Z",
  },
  {
    name: "javascript: link dropped",
    doc: Buffer.from(rss("<title>a</title><link>javascript:alert(1)</link>")),
    field: "link",
    expected: null,
  },
  {
    name: "all authors kept",
    doc: Buffer.from(rss("<title>a</title><dc:creator>Ann Lee</dc:creator><dc:creator>Bo Ma</dc:creator>")),
    field: "author",
    expected: "Ann Lee, Bo Ma",
  },
  {
    name: "entities decoded in a title",
    doc: Buffer.from(rss("<title>R&amp;amp;D</title>")),
    field: "title",
    expected: "R&D",
  },
  {
    name: "no script or tag in the text",
    doc: Buffer.from(
      rss("<title>a</title><description>&lt;p&gt;Hi &lt;script&gt;x()&lt;/script&gt;there&lt;/p&gt;</description>"),
    ),
    field: "text",
    expected: "Hi there",
  },
];

const orNull = (v: unknown) => (v === undefined || v === "" ? null : v);

const readers: Record<string, Reader> = {
  tidings: async (bytes) => {
    const item = parseFeed(bytes).items[0]!;
    return {
      link: orNull(item.link),
      date: item.published,
      author: item.author,
      title: item.title,
      text: item.summary,
    };
  },
  "rss-parser": async (bytes) => {
    const item = (await new RssParser().parseString(bytes.toString("utf8"))).items[0]!;
    return {
      link: orNull(item.link),
      date: orNull(item.isoDate),
      author: orNull(item.creator),
      title: item.title,
      text: item.contentSnippet,
    };
  },
  feedsmith: async (bytes) => {
    const item = (feedsmithParse(bytes.toString("utf8")).feed as { items: Record<string, unknown>[] }).items[0]!;
    const dc = (item.dc ?? {}) as { creators?: string[]; dates?: string[] };
    const date = item.pubDate ?? dc.dates?.[0];
    return {
      link: orNull(item.link),
      date: orNull(date),
      author: orNull(dc.creators?.join(", ")),
      title: item.title,
      text: item.description,
    };
  },
};

/** Prints one row per check: ✓, or ✗ with what the parser gave instead. */
export async function printCorrectness(): Promise<void> {
  const names = Object.keys(readers);
  const score: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]));
  console.log(`\n### correctness: ${checks.length} small documents, one right answer each\n`);
  console.log(`| check | expected | ${names.join(" | ")} |`);
  console.log(`|---|---|${names.map(() => "---").join("|")}|`);
  for (const check of checks) {
    const cells: string[] = [];
    for (const name of names) {
      let got: unknown;
      try {
        got = (await readers[name]!(check.doc))[check.field];
      } catch (e) {
        got = `error: ${(e as Error).message}`;
      }
      const right = got === check.expected;
      if (right) score[name]!++;
      cells.push(right ? "✓" : `✗ ${JSON.stringify(got ?? null)}`);
    }
    console.log(`| ${check.name} | ${JSON.stringify(check.expected)} | ${cells.join(" | ")} |`);
  }
  console.log(`| **right** | | ${names.map((n) => `**${score[n]}/${checks.length}**`).join(" | ")} |`);
}
