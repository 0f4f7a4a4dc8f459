/**
 * The newsletter's identity and the digest's limits: edit these to make Tidings your own.
 * The emails (`digest.mjml`, `digest.txt`, partials) and the web pages read them.
 */
export interface Newsletter {
  /** Shown in the header, the subject line and the browser tab. */
  name: string;
  /** One line under the name in the header. */
  tagline: string;
  /** The footer's "why you get this" line. */
  reason: string;
  /** Dates in emails and pages are written in this locale, in `DIGEST_TIMEZONE`. */
  locale: string;
  digest: DigestLimits;
}

export interface DigestLimits {
  /** Most items one theme shows in the email; the rest are "more on the web". */
  maxPerTheme: number;
  /** Most items in one email (Gmail clips messages above ~102 KB of HTML). */
  maxItems: number;
  /** Summaries are cut at a word boundary below this many characters. */
  summaryLength: number;
  /** How many headlines the inbox preview line (preheader) lists. */
  previewHeadlines: number;
}

export const newsletter: Newsletter = {
  name: "Semiconductor Tidings",
  tagline: "The week in chips, theme by theme",
  reason: "You are receiving this because you subscribed to Semiconductor Tidings and confirmed your address.",
  locale: "en-GB",
  digest: { maxPerTheme: 6, maxItems: 30, summaryLength: 220, previewHeadlines: 3 },
};
