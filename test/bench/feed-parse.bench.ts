/**
 * Feed parsing throughput: Tidings' parser against rss-parser, feedsmith, and bare
 * fast-xml-parser with feedsmith's settings (the floor: it only builds a tree, normalises
 * nothing). Two inputs: the real-world XML corpus, and the seed feed's items repeated to
 * 20,000 (built in memory). Runs are interleaved round by round so that load from other
 * processes hits every parser alike; the median round is reported.
 *
 * Every parser gets the same decoded string (the peers cannot decode charsets themselves);
 * "tidings (bytes)" adds our charset detection and decoding on top, for the record. Each
 * round starts with the next parser in turn, so the garbage one parser leaves for the
 * collector lands on each of the others alike.
 */
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { parseFeed as feedsmithParse } from "feedsmith";
import RssParser from "rss-parser";
import { decodeFeedBytes } from "@tidings/core/feed/decode";
import { parseFeed } from "@tidings/core/feed/parse";
import { printCorrectness } from "./feed-correctness.ts";

// The fast-xml-parser our parser uses (packages/core's dependency), not whichever npm hoisted.
const coreRequire = createRequire(fileURLToPath(import.meta.resolve("@tidings/core/feed/xml")));
const { XMLParser } = coreRequire("fast-xml-parser") as typeof import("fast-xml-parser");

// feedsmith 3.0.1's `parserConfig`, node_modules/feedsmith/dist/common/config.mjs.
const feedsmithSettings = {
  trimValues: false,
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  alwaysCreateTextNode: false,
  ignoreAttributes: false,
  ignorePiTags: true,
  ignoreDeclaration: true,
  attributeNamePrefix: "@",
  jPath: false,
  transformTagName: (name: string) => name.toLowerCase(),
  transformAttributeName: (name: string) => name.toLowerCase(),
};

interface Input {
  name: string;
  docs: { text: string; bytes: Uint8Array }[];
  megabytes: number;
  items: number;
}

const fixtures = fileURLToPath(new URL("../fixtures/feeds/", import.meta.url));
const unlimited = { maxBytes: Number.MAX_SAFE_INTEGER };

function input(name: string, files: Uint8Array[]): Input {
  const docs = files.map((bytes) => ({ bytes, text: decodeFeedBytes(bytes) }));
  const items = docs.reduce((n, d) => n + parseFeed(d.text, unlimited).items.length, 0);
  return { name, docs, megabytes: files.reduce((n, f) => n + f.byteLength, 0) / 1e6, items };
}

/** The corpus's XML feeds (JSON Feeds are not XML; broken files are no throughput test). */
function corpus(): Input {
  const dir = fixtures + "corpus/";
  const files = readdirSync(dir)
    .filter((f) => /\.(xml|rss|atom)$/.test(f))
    .map((f) => readFileSync(dir + f))
    .filter((bytes) => {
      try {
        return parseFeed(bytes).items.length > 0;
      } catch {
        return false;
      }
    });
  return input(`corpus (${files.length} XML feeds)`, files);
}

function large(): Input {
  const seed = readFileSync(fixtures + "scmp-semiconductors.xml", "utf8");
  const start = seed.indexOf("<item>");
  const end = seed.lastIndexOf("</item>") + "</item>".length;
  const items = seed.slice(start, end);
  const count = (items.match(/<item>/g) ?? []).length;
  const xml = seed.slice(0, start) + items.repeat(Math.ceil(20_000 / count)) + seed.slice(end);
  return input("seed feed x400 (20,000 items)", [Buffer.from(xml)]);
}

type Parse = (doc: { text: string; bytes: Uint8Array }) => unknown;

function parsers(): Record<string, Parse> {
  const bare = new XMLParser(feedsmithSettings);
  const rss = new RssParser();
  return {
    tidings: (d) => parseFeed(d.text, unlimited),
    "tidings (bytes)": (d) => parseFeed(d.bytes, unlimited),
    feedsmith: (d) => feedsmithParse(d.text),
    "rss-parser": (d) => rss.parseString(d.text),
    "fast-xml-parser (bare)": (d) => bare.parse(d.text),
  };
}

async function runOnce(parse: Parse, docs: Input["docs"]): Promise<number> {
  const start = performance.now();
  for (const doc of docs) {
    try {
      await parse(doc);
    } catch {
      // A peer that fails on a feed still spent the time.
    }
  }
  return performance.now() - start;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function measure(input: Input, rounds: number): Promise<void> {
  const all = parsers();
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(all).map((k) => [k, []]));
  for (const parse of Object.values(all)) await runOnce(parse, input.docs); // warm-up
  const names = Object.keys(all);
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(r + i) % names.length]!;
      times[name]!.push(await runOnce(all[name]!, input.docs));
    }
  }
  const ms = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
  console.log(
    `\n### ${input.name}: ${input.megabytes.toFixed(2)} MB, ${input.items} items, median of ${rounds} rounds\n`,
  );
  console.log("| parser | ms | MB/s | items/s | × feedsmith | × bare fast-xml-parser |");
  console.log("|---|---:|---:|---:|---:|---:|");
  for (const [name, t] of Object.entries(ms)) {
    const ratio = (other: string) => (ms[other]! / t).toFixed(2);
    const row = [
      name,
      t.toFixed(1),
      (input.megabytes / (t / 1000)).toFixed(1),
      Math.round(input.items / (t / 1000)).toLocaleString("en"),
      ratio("feedsmith"),
      ratio("fast-xml-parser (bare)"),
    ];
    console.log(`| ${row.join(" | ")} |`);
  }
}

export default async function bench(): Promise<void> {
  console.log("Ratios are speed ratios (higher = faster than the column's parser).");
  await measure(corpus(), 20);
  await measure(large(), 7);
  await printCorrectness();
}
