/**
 * A digest's public answers (the web edition, the email view, the JSON), each with its strong
 * ETag, built once from the stored digest. Those of a digest whose delivery began never change,
 * so they are kept in memory in a bounded LRU, sized in bytes of the bodies it holds.
 */
import { LRUCache } from "lru-cache";
import { readerCopy } from "@tidings/core/digest/reader-copy";
import type { Digest } from "@tidings/core/store/digests";
import { newsletter } from "@tidings/templates/newsletter";
import { strongEtag } from "./http-cache.ts";

export interface Representation {
  body: string;
  etag: string;
}

export interface DigestPages {
  week: string;
  /** Delivery began: the pages are final (http-cache.ts `final`). */
  final: boolean;
  /** The web edition, with a link to the archive feed in its head. */
  web: Representation;
  /** The email as readers with every theme get it, personal links neutralised. */
  email: Representation;
  json: Representation;
  /** What the Atom feed needs of it. */
  summary: Pick<Digest, "week" | "firstDay" | "lastDay" | "subject" | "itemCount" | "sendStartedAt" | "webHtml">;
}

const feedLink = `<link rel="alternate" type="application/atom+xml" title="${newsletter.name}: all issues" href="/digests.xml">`;
const withFeedLink = (html: string) => html.replace(/<\/head>/i, `${feedLink}</head>`);
const represent = (body: string): Representation => ({ body, etag: strongEtag(body) });

export function digestPages(digest: Digest): DigestPages {
  const json = JSON.stringify({
    week: digest.week,
    subject: digest.subject,
    sections: digest.sections.map((s) => ({
      theme: s.theme,
      items: s.items.map(({ id, title, link }) => ({ id, title, link })),
    })),
  });
  const email = readerCopy(digest, "all", { unsubscribeUrl: "#", preferencesUrl: "#" })!.html;
  const { week, firstDay, lastDay, subject, itemCount, sendStartedAt, webHtml } = digest;
  return {
    week,
    final: Boolean(sendStartedAt),
    web: represent(withFeedLink(webHtml)),
    email: represent(withFeedLink(email)),
    json: represent(json),
    summary: { week, firstDay, lastDay, subject, itemCount, sendStartedAt, webHtml },
  };
}

/** Bytes a digest's pages hold in memory (the web edition counted twice: its page and its feed entry). */
const bytes = (p: DigestPages) =>
  Buffer.byteLength(p.web.body) +
  Buffer.byteLength(p.email.body) +
  Buffer.byteLength(p.json.body) +
  Buffer.byteLength(p.summary.webHtml);

/** 32 MiB: some hundred issues (about 300 KB each), years of a weekly newsletter, in a 512 MB Lambda. */
export const DIGEST_CACHE_BYTES = 32 * 1024 * 1024;

/** The final digests' pages in memory, least recently used dropped first past `maxBytes`. */
export function digestCache(maxBytes = DIGEST_CACHE_BYTES) {
  return new LRUCache<string, DigestPages>({ maxSize: maxBytes, sizeCalculation: (p) => Math.max(1, bytes(p)) });
}
export type DigestCache = ReturnType<typeof digestCache>;
