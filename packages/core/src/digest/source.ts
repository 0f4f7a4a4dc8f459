/** The week's items as the digest needs them, from the store. */
import { createHash } from "node:crypto";
import type { Db } from "../store/db.ts";
import { itemsPublishedBetween } from "../store/items.ts";
import type { DigestItem } from "./item.ts";
import type { WeekRange } from "./week.ts";

/** Opaque, stable public id of a stored item: the archive never shows raw keys. */
export function publicItemId(feedKey: string, itemKey: string): string {
  return `itm_${createHash("sha256").update(`${feedKey}\n${itemKey}`).digest("base64url").slice(0, 16)}`;
}

/** Every item published in the week, from every feed (duplicates included). */
export async function weekItems(db: Db, range: Pick<WeekRange, "start" | "end">): Promise<DigestItem[]> {
  const rows = await itemsPublishedBetween(db, range.start, range.end);
  return rows.map(({ feedKey, itemKey, feedTitle, ...item }) => ({
    ...item,
    key: publicItemId(feedKey, itemKey),
    feedKey,
    source: feedTitle,
    published: item.published!,
  }));
}
