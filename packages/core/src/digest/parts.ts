/**
 * A digest email as stored parts: its one MJML render cut at the part markers (model.ts) into a
 * head, one part per theme's section and a footer, in HTML and in text. A reader's copy is these
 * parts put together (email/assemble.ts): nothing is rendered per reader.
 */

/** The pieces of one body: `head + sections[i] + … + footer`. The HTML's are Latin-1 (latin1Html). */
export interface BodyParts {
  head: string;
  sections: string[];
  footer: string;
}

export interface DigestParts {
  /** The theme of each section, in display order: `html.sections[i]` is theme `themes[i]`'s. */
  themes: string[];
  /** The subject before the reader's first headline ("Name · 11–17 May 2026 · "). */
  subjectLead: string;
  /** The editor's subject: every reader's, whatever their themes (absent: led by their first headline). */
  subject?: string;
  /** Each section's first headline as the subject carries it (cut at a word). */
  subjectHeadlines: string[];
  /** Each section's first headline as the preheader lists it. */
  previewHeadlines: string[];
  /** How many headlines the preheader lists. */
  previewCount: number;
  /** HTML, with `{{preheader}}` in the head and the reader's links' placeholders in the footer. */
  html: BodyParts;
  /** Plain text, the links' placeholders in the footer. */
  text: BodyParts;
}

/** The HTML marker as digest.mjml writes it (MJML keeps the element; comments it drops). */
const htmlMarker = (marker: string) => new RegExp(`\\s*<tidings-part id="${marker}"></tidings-part>\\s*`);

function cut(body: string, marker: RegExp | string, sections: number, what: string): [string, string[], string] {
  const pieces = body.split(marker);
  if (pieces.length !== sections + 2) {
    throw new Error(`digest ${what}: ${pieces.length - 1} part markers for ${sections} sections`);
  }
  return [pieces[0]!, pieces.slice(1, -1), pieces.at(-1)!];
}

/**
 * Cuts the rendered email into parts. HTML pieces keep one space where a marker was (MJML's own
 * minified spacing); text sections are separated by one blank line, as the template lays them out.
 */
export function cutIntoParts(
  rendered: { html: string; text: string },
  marker: string,
  sections: readonly { theme: string; subjectHeadline: string; previewHeadline: string }[],
  lead: { subjectLead: string; previewCount: number; subject?: string | null },
): DigestParts {
  const [head, htmlSections, footer] = cut(rendered.html, htmlMarker(marker), sections.length, "HTML");
  const [textHead, textSections, textFooter] = cut(rendered.text, marker, sections.length, "text");
  return {
    themes: sections.map((s) => s.theme),
    subjectLead: lead.subjectLead,
    ...(lead.subject ? { subject: lead.subject } : {}),
    subjectHeadlines: sections.map((s) => s.subjectHeadline),
    previewHeadlines: sections.map((s) => s.previewHeadline),
    previewCount: lead.previewCount,
    html: { head: head + " ", sections: htmlSections.map((s) => s + " "), footer },
    text: {
      head: textHead.trim() + "\n",
      sections: textSections.map((s) => "\n" + s.trim() + "\n"),
      footer: "\n" + textFooter.trim() + "\n",
    },
  };
}
