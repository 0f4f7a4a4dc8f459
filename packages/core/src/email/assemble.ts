/**
 * A reader's copy of a digest, put together from its stored parts (digest/parts.ts): the head,
 * the sections of the reader's themes, the footer; subject and preheader led by the reader's first
 * headline; their links filled in. No rendering and no search of the text per reader: each
 * part's placeholders are found once per stored digest, then every copy is concatenation.
 */
import type { BodyParts, DigestParts } from "../digest/parts.ts";
import {
  escapeHtml,
  join,
  latin1Html,
  placeholders,
  split,
  type EmailParts,
  type Personal,
  type Split,
} from "./personalise.ts";

/** The themes a reader gets: a set of names, or every theme. */
export type ThemeChoice = ReadonlySet<string> | "all";

/** The reader's own links. */
export type ReaderLinks = Pick<Personal, "unsubscribeUrl" | "preferencesUrl">;

interface Prepared {
  html: { head: Split; sections: Split[]; footer: Split };
  text: { head: Split; sections: Split[]; footer: Split };
  /** Each section's preheader headline, HTML-escaped once. */
  previewHtml: string[];
}

const splitBody = (b: BodyParts) => ({ head: split(b.head), sections: b.sections.map(split), footer: split(b.footer) });

const prepared = new WeakMap<DigestParts, Prepared>();

function prepare(parts: DigestParts): Prepared {
  let p = prepared.get(parts);
  if (!p) {
    p = {
      html: splitBody(parts.html),
      text: splitBody(parts.text),
      // Written as the HTML parts are (latin1Html): one two-byte piece would make the whole copy two-byte.
      previewHtml: parts.previewHeadlines.map((h) =>
        Buffer.from(latin1Html(escapeHtml(h)), "latin1").toString("latin1"),
      ),
    };
    prepared.set(parts, p);
  }
  return p;
}

/** The positions of the chosen themes' sections, in display order. */
function chosenSections(parts: DigestParts, themes: ThemeChoice): number[] {
  const chosen: number[] = [];
  for (let i = 0; i < parts.themes.length; i++) {
    if (themes === "all" || themes.has(parts.themes[i]!)) chosen.push(i);
  }
  return chosen;
}

function body(b: Prepared["html"], chosen: number[], values: Partial<Personal>): string {
  let out = join(b.head, values);
  for (const i of chosen) out += join(b.sections[i]!, values);
  return out + join(b.footer, values);
}

/**
 * The email one reader gets: only the sections of `themes`, or undefined when the digest has
 * nothing in them (the reader is sent nothing that week).
 *
 * @example const mail = assembleEmail(digest.parts, new Set(["Memory & storage"]), { unsubscribeUrl, preferencesUrl })
 */
export function assembleEmail(parts: DigestParts, themes: ThemeChoice, links: ReaderLinks): EmailParts | undefined {
  const chosen = chosenSections(parts, themes);
  if (chosen.length === 0) return undefined;
  const p = prepare(parts);
  // The reader's headlines: the first of each chosen section that shows one.
  const led = chosen.filter((i) => parts.previewHeadlines[i] !== "");
  const html = body(p.html, chosen, {
    unsubscribeUrl: escapeHtml(links.unsubscribeUrl),
    preferencesUrl: escapeHtml(links.preferencesUrl),
    preheader: led
      .slice(0, parts.previewCount)
      .map((i) => p.previewHtml[i])
      .join(" · "),
  });
  return {
    subject:
      parts.subject ?? parts.subjectLead + (led.length ? parts.subjectHeadlines[led[0]!] : parts.themes[chosen[0]!]),
    html,
    text: body(p.text, chosen, links),
  };
}

/** Every theme's copy with the links' placeholders kept: the whole email, as stored before parts. */
export function wholeEmail(parts: DigestParts): EmailParts {
  return assembleEmail(parts, "all", {
    unsubscribeUrl: placeholders.unsubscribeUrl,
    preferencesUrl: placeholders.preferencesUrl,
  })!;
}
