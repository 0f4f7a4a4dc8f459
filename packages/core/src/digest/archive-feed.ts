/**
 * The archive as an Atom 1.0 feed (RFC 4287): one entry per digest whose delivery began, newest
 * first, its content the web edition's HTML (every story, no personal link). Pure: the app reads
 * the digests and serves the text.
 */
import type { Newsletter } from "@tidings/templates/newsletter";
import { weekDates } from "./week.ts";

export interface FeedEntry {
  week: string;
  firstDay: string;
  lastDay: string;
  subject: string;
  itemCount: number;
  /** When delivery began (ISO 8601): the issue's date, and the entry's updated and published. */
  sentAt: string;
  /** The web edition, a whole HTML document (its body becomes the entry's content). */
  webHtml: string;
}

export interface ArchiveFeedInput {
  newsletter: Pick<Newsletter, "name" | "tagline" | "locale">;
  publicUrl: string;
  /** Newest first. */
  entries: readonly FeedEntry[];
}

/** How many issues the feed carries: each holds a whole web edition. */
export const FEED_ENTRIES = 10;

// Characters XML 1.0 does not allow at all; escaping cannot carry them.
// eslint-disable-next-line no-control-regex
const notXml = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const escapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };
const xml = (text: string) => text.replace(notXml, "").replace(/[&<>"']/g, (c) => escapes[c]!);

/** The inside of a document's `<body>` (the whole text when it has none). */
export function bodyOf(html: string): string {
  const open = /<body[^>]*>/i.exec(html);
  const close = html.toLowerCase().lastIndexOf("</body>");
  return open && close > open.index ? html.slice(open.index + open[0].length, close).trim() : html;
}

const weekLabel = (week: string) => `Week ${Number(week.slice(6))}, ${week.slice(0, 4)}`;

function entry(e: FeedEntry, input: ArchiveFeedInput): string {
  const url = `${input.publicUrl}/digests/${e.week}`;
  const stories = e.itemCount === 1 ? "1 story" : `${e.itemCount} stories`;
  return [
    "  <entry>",
    `    <id>${xml(url)}</id>`,
    `    <title>${xml(e.subject)}</title>`,
    `    <updated>${e.sentAt}</updated>`,
    `    <published>${e.sentAt}</published>`,
    `    <link rel="alternate" type="text/html" href="${xml(url)}"/>`,
    `    <summary>${xml(`${weekLabel(e.week)} · ${weekDates(e, input.newsletter.locale)} · ${stories}`)}</summary>`,
    `    <content type="html">${xml(bodyOf(e.webHtml))}</content>`,
    "  </entry>",
  ].join("\n");
}

/**
 * The feed's XML. Its `updated` is the newest entry's (the Unix epoch for an empty archive), so
 * the same digests always give the same bytes.
 *
 * @example archiveFeed({ newsletter, publicUrl: "https://news.example.com", entries })
 */
export function archiveFeed(input: ArchiveFeedInput): string {
  const { newsletter, publicUrl } = input;
  const updated = input.entries[0]?.sentAt ?? new Date(0).toISOString();
  const lang = newsletter.locale.split("-")[0] ?? "en";
  return [
    `<?xml version="1.0" encoding="utf-8"?>`,
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${xml(lang)}">`,
    `  <id>${xml(`${publicUrl}/digests`)}</id>`,
    `  <title>${xml(newsletter.name)}</title>`,
    `  <subtitle>${xml(newsletter.tagline)}</subtitle>`,
    `  <updated>${updated}</updated>`,
    `  <author><name>${xml(newsletter.name)}</name><uri>${xml(`${publicUrl}/`)}</uri></author>`,
    `  <link rel="self" type="application/atom+xml" href="${xml(`${publicUrl}/digests.xml`)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xml(`${publicUrl}/digests`)}"/>`,
    `  <generator>Tidings</generator>`,
    ...input.entries.map((e) => entry(e, input)),
    `</feed>`,
    "",
  ].join("\n");
}
