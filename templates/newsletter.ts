/**
 * Who the newsletter is: its name and what it covers, shown on the signup page, in every
 * email's header and subject; and the digest's limits. Edit to make Tidings your own newsletter.
 */
export interface Newsletter {
  /** Shown in the header, the subject line and the browser tab. */
  name: string;
  /** One line about what the newsletter covers. */
  tagline: string;
  /** The email footer's "why you get this" line. */
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
  name: "Tidings: Semiconductors",
  tagline: "A weekly digest of semiconductor-industry news: chips, fabs, memory, policy and the markets.",
  reason: "You are receiving this because you subscribed to Tidings: Semiconductors and confirmed your address.",
  locale: "en-GB",
  digest: { maxPerTheme: 6, maxItems: 30, summaryLength: 220, previewHeadlines: 3 },
};
