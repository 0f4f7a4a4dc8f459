/**
 * Test data for the digest: real items from the seed feed (copied into test/fixtures), an item
 * builder, and a tiny stand-in for the theme classifier's decisions (the configured theme list,
 * simple title rules) so these tests do not depend on its word lists.
 */
import { readFileSync } from "node:fs";
import { batchPut } from "@tidings/core/store/batch";
import type { Db } from "@tidings/core/store/db";
import { toRow, type StoredItem } from "@tidings/core/store/items";
import { ruleClassifier } from "@tidings/core/digest/classifier";
import type { DigestItem } from "@tidings/core/digest/item";
import type { DigestInput } from "@tidings/core/digest/model";
import { groupByTheme, type Classify } from "@tidings/core/digest/sections";
import { weekRange } from "@tidings/core/digest/week";
import { newsletter } from "@tidings/templates/newsletter";

export const themes = ruleClassifier().themes;

const rules: [RegExp, string][] = [
  [/\b(AI|Nvidia|GPU|Cambricon)\b/i, "AI chips & computing"],
  [/\b(memory|storage|DRAM|NAND)\b/i, "Memory & storage"],
  [/\b(foundr\w*|fab|SMIC|TSMC|lithography)\b/i, "Foundries & manufacturing"],
  [/\b(export|sanctions?|tariffs?|ban)\b/i, "Policy & trade"],
  [/\b(phones?|smartphones?|cars?|EVs?)\b/i, "Devices & autos"],
  [/\b(shares|stocks?|IPO|invest\w*)\b/i, "Markets & investment"],
];

/** Stand-in for theme/classify: first matching rule on the title, else "More news". */
export const classify: Classify = ({ title }) => rules.find(([re]) => re.test(title))?.[1] ?? "More news";

/** The seed feed's first `n` items (40 at most), as the store would return them. */
export function seedItems(n = 40): DigestItem[] {
  const url = new URL("../fixtures/digest/scmp-items.json", import.meta.url);
  return (JSON.parse(readFileSync(url, "utf8")) as DigestItem[]).slice(0, n);
}

let counter = 0;

/** A plausible item; override what the test is about. */
export function item(overrides: Partial<DigestItem> = {}): DigestItem {
  counter++;
  return {
    key: `itm_test${counter}`,
    feedKey: "test-feed",
    source: "Test Wire",
    id: `https://news.example/story/${counter}`,
    title: `Chipmakers report quarterly results, story ${counter}`,
    link: `https://news.example/story/${counter}`,
    published: "2026-05-13T09:00:00.000Z",
    author: null,
    summary: "A short summary of the story.",
    categories: [],
    image: null,
    ...overrides,
  };
}

/** A digest input for week 2026-W20 in UTC, grouped with the stand-in classifier. */
export function digestInput(items: DigestItem[], overrides: Partial<DigestInput> = {}): DigestInput {
  return {
    range: weekRange("2026-W20", "UTC"),
    sections: groupByTheme(items, classify, themes),
    newsletter,
    publicUrl: "https://tidings.example",
    postalAddress: "Tidings, 1 Example Street, Springfield",
    timeZone: "UTC",
    ...overrides,
  };
}

/** A row as ingestion stores it (store/items.ts). */
export function storedItem(overrides: Partial<StoredItem> = {}): StoredItem {
  const base = item();
  const { key, source, ...feedItem } = base;
  return { ...feedItem, itemKey: key, feedTitle: source, ...overrides };
}

/** Writes items straight into the table, as ingestion would. */
export async function putItems(db: Db, items: StoredItem[]): Promise<void> {
  await batchPut(
    db,
    items.map((it) => toRow(it)),
  );
}

/** The classifier as build options take it. */
export const standIn = { classify, themes };
