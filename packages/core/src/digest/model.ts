/**
 * The digest's render model: everything the templates show, computed once from the week's
 * sections. Feed text is defused here (no fake placeholders); HTML escaping is the template
 * engine's job, so the same model feeds the HTML and the plain-text part.
 */
import { randomUUID } from "node:crypto";
import type { DigestLimits, Newsletter } from "@tidings/templates/newsletter";
import { defuse, placeholders } from "../email/personalise.ts";
import { cutAtWord, httpUrl, slug } from "../email/text.ts";
import type { DigestItem } from "./item.ts";
import type { NoteModel } from "../review/note.ts";
import { applyCaps, type Section } from "./sections.ts";
import { weekDates, type WeekRange } from "./week.ts";

export interface DigestInput {
  range: WeekRange;
  /** Every section with all its items (the web shows them all; the email is capped). */
  sections: readonly Section[];
  newsletter: Newsletter;
  /** Overrides of `newsletter.digest`. */
  limits?: Partial<DigestLimits>;
  publicUrl: string;
  postalAddress: string;
  timeZone: string;
  /** The editor's note, above the first theme (review/note.ts). */
  note?: NoteModel | null;
  /** The editor's subject, the same for every reader, instead of one led by their first headline. */
  subject?: string;
}

export interface Card {
  title: string;
  link: string | null;
  source: string;
  date: string;
  summary: string;
  image: { src: string; alt: string } | null;
}

export interface SectionModel {
  name: string;
  anchor: string;
  cards: Card[];
  more: { label: string; url: string } | null;
}

/** The data every email template gets (see templates/README.md). */
export interface EmailModel {
  title: string;
  preview: string;
  newsletter: { name: string; tagline: string };
  header: { line: string };
  footer: {
    reason: string;
    postalAddress: string;
    /** The reader's preference center (digest emails only). */
    preferencesUrl: string | null;
    unsubscribeUrl: string | null;
    browserUrl: string | null;
    subscribeUrl: string | null;
    archiveUrl: string | null;
  };
}

export interface DigestModel extends EmailModel {
  subject: string;
  /** Before the reader's first headline in the subject: "Name · 11–17 May 2026 · ". */
  subjectLead: string;
  /** Each section's first headline as the subject shows it (cut) and as the preheader does ("" if none). */
  leads: { subject: string; preview: string }[];
  /** The editor's subject for every reader, or null: each reader's is led by their first headline. */
  fixedSubject: string | null;
  /** The editor's note (head of the email, above the first theme), or null. */
  note: NoteModel | null;
  sections: SectionModel[];
  /**
   * The email's part marker (a random value per render, which no feed text can guess): the
   * templates put it before each section and after the last, and the render is cut there into
   * stored parts (digest/parts.ts). Null in the web edition, which is shown whole.
   */
  partMarker: string | null;
}

/**
 * "email": capped, with placeholders for the reader's links and preheader, cut into parts by
 * theme; "web": every item, no personal link, whole.
 */
export type DigestMode = "email" | "web";

function card(item: DigestItem, day: Intl.DateTimeFormat, summaryLength: number): Card {
  const title = defuse(item.title) || "(untitled)";
  const source = defuse(item.source) || "Unknown source";
  const image = httpUrl(item.image);
  return {
    title,
    link: httpUrl(item.link),
    source,
    date: day.format(new Date(item.published)),
    summary: defuse(cutAtWord(item.summary, summaryLength)),
    image: image ? { src: image, alt: `Photo: ${source}` } : null,
  };
}

/** A headline as the subject line carries it. */
const subjectHeadline = (headline: string) => cutAtWord(headline, 90);

/** The inbox preview line: the first `count` headlines. */
export const previewLine = (headlines: readonly string[], count: number) => headlines.slice(0, count).join(" · ");

/** The digest's data for one mode; `sections` must be non-empty. */
export function digestModel(input: DigestInput, mode: DigestMode): DigestModel {
  const limits = { ...input.newsletter.digest, ...input.limits };
  const { newsletter, publicUrl, range } = input;
  const browserUrl = `${publicUrl}/digests/${range.week}`;
  const all = { maxPerTheme: Infinity, maxItems: Infinity };
  // One formatter for every card: building an Intl.DateTimeFormat costs more than formatting.
  const day = new Intl.DateTimeFormat(newsletter.locale, {
    weekday: "short",
    day: "numeric",
    month: "short",
    timeZone: input.timeZone,
  });
  const sections = applyCaps(input.sections, mode === "email" ? limits : all).map((s) => {
    const anchor = slug(s.theme);
    return {
      name: s.theme,
      anchor,
      cards: s.items.map((item) => card(item, day, limits.summaryLength)),
      more:
        s.hidden > 0 ? { label: `${s.hidden} more in ${s.theme} on the web`, url: `${browserUrl}#${anchor}` } : null,
    };
  });
  const headlines = sections.flatMap((s) => s.cards.slice(0, 1).map((c) => c.title));
  const dates = weekDates(range, newsletter.locale);
  const weekNumber = Number(range.week.slice(-2));
  const subjectLead = `${newsletter.name} · ${dates} · `;
  const email = mode === "email";
  const fixedSubject = input.subject ? defuse(input.subject) : null;
  return {
    subject: fixedSubject ?? subjectLead + subjectHeadline(headlines[0] ?? ""),
    subjectLead,
    fixedSubject,
    note: input.note ?? null,
    // A section whose cards were all cut (a very long week) has no headline of its own: "".
    leads: sections.map(({ cards: [first] }) => ({
      subject: first ? subjectHeadline(first.title) : "",
      preview: first?.title ?? "",
    })),
    partMarker: email ? `tidings-part-${randomUUID()}` : null,
    title: `${newsletter.name} · ${dates}`,
    // The email's preheader is the reader's own (their first headlines), filled at send time.
    preview: email ? placeholders.preheader : previewLine(headlines, limits.previewHeadlines),
    newsletter: { name: newsletter.name, tagline: newsletter.tagline },
    header: { line: `Week ${weekNumber} · ${dates}` },
    sections,
    footer: {
      reason: mode === "email" ? newsletter.reason : `This is the web edition of ${newsletter.name}, a weekly email.`,
      postalAddress: input.postalAddress,
      preferencesUrl: mode === "email" ? placeholders.preferencesUrl : null,
      unsubscribeUrl: mode === "email" ? placeholders.unsubscribeUrl : null,
      browserUrl: mode === "email" ? browserUrl : null,
      subscribeUrl: mode === "web" ? `${publicUrl}/` : null,
      archiveUrl: mode === "web" ? `${publicUrl}/digests` : null,
    },
  };
}
