/**
 * The same story from two feeds appears once: items match when their links are the same
 * after normalising (scheme, `www.`, tracking parameters, fragment, trailing slash) or their
 * titles are the same after normalising (case, accents, punctuation, spacing).
 */
import { slug } from "../email/text.ts";
import type { DigestItem } from "./item.ts";

const tracking = /^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|ref|ref_src|cmpid|icid|ito)$/i;

/** A link's identity: host without `www.`, path without trailing slash, sorted non-tracking query. */
export function normaliseLink(link: string): string | null {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  const query = [...url.searchParams]
    .filter(([name]) => !tracking.test(name))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join("&");
  const host = url.hostname.replace(/^www\./, "");
  const path = url.pathname.replace(/\/+$/, "");
  return `${host}${path}${query ? `?${query}` : ""}`;
}

/** A title's identity; null for titles too short to identify a story ("Podcast"). */
export function normaliseTitle(title: string): string | null {
  const key = slug(title).replaceAll("-", " ");
  return key.split(" ").length >= 3 ? key : null;
}

const byDate = (a: DigestItem, b: DigestItem) =>
  a.published.localeCompare(b.published) || a.feedKey.localeCompare(b.feedKey) || a.key.localeCompare(b.key);

/**
 * Each story once: the earliest copy wins (ties broken by feed, then item key, so the result
 * does not depend on the order items were read in); it borrows a missing image or summary
 * from a later copy.
 */
export function dedupe(items: readonly DigestItem[]): DigestItem[] {
  const kept: DigestItem[] = [];
  const seen = new Map<string, number>();
  for (const item of [...items].sort(byDate)) {
    const ids = [normaliseLink(item.link), normaliseTitle(item.title)]
      .map((id, i) => (id === null ? null : `${i}:${id}`))
      .filter((id): id is string => id !== null);
    const match = ids.map((id) => seen.get(id)).find((i) => i !== undefined);
    const at = match ?? kept.push({ ...item }) - 1;
    if (match !== undefined) {
      const first = kept[match]!;
      first.image ??= item.image;
      if (!first.summary) first.summary = item.summary;
    }
    for (const id of ids) if (!seen.has(id)) seen.set(id, at);
  }
  return kept;
}
