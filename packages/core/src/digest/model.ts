/**
 * The digest's render model: everything the templates show, computed once from the week's
 * sections. Feed text is defused here (no fake placeholders); HTML escaping is the template
 * engine's job, so the same model feeds the HTML and the plain-text part.
 */
import type { DigestLimits, Newsletter } from "@tidings/templates/newsletter";
import { defuse, placeholders } from "../email/personalise.ts";
import { cutAtWord, httpUrl, slug } from "../email/text.ts";
import type { DigestItem } from "./item.ts";
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
    unsubscribeUrl: string | null;
    browserUrl: string | null;
    subscribeUrl: string | null;
    archiveUrl: string | null;
  };
}

export interface DigestModel extends EmailModel {
  subject: string;
  sections: SectionModel[];
}

/** "email": capped, with the reader's unsubscribe placeholder; "web": every item, no personal link. */
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
  return {
    subject: `${newsletter.name} · ${dates} · ${cutAtWord(headlines[0] ?? "", 90)}`,
    title: `${newsletter.name} · ${dates}`,
    preview: headlines.slice(0, limits.previewHeadlines).join(" · "),
    newsletter: { name: newsletter.name, tagline: newsletter.tagline },
    header: { line: `Week ${weekNumber} · ${dates}` },
    sections,
    footer: {
      reason: mode === "email" ? newsletter.reason : `This is the web edition of ${newsletter.name}, a weekly email.`,
      postalAddress: input.postalAddress,
      unsubscribeUrl: mode === "email" ? placeholders.unsubscribeUrl : null,
      browserUrl: mode === "email" ? browserUrl : null,
      subscribeUrl: mode === "web" ? `${publicUrl}/` : null,
      archiveUrl: mode === "web" ? `${publicUrl}/digests` : null,
    },
  };
}
