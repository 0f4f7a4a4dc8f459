/**
 * A reader's copy of a stored digest: assembled from its parts for the reader's themes, or, for
 * a digest built before readers chose themes (no parts), the whole email as it was stored.
 */
import { assembleEmail, type ReaderLinks, type ThemeChoice } from "../email/assemble.ts";
import { personalise, type EmailParts } from "../email/personalise.ts";
import type { Digest } from "../store/digests.ts";

/** What a copy is made from: the stored email, whole and in parts. */
export type DigestEmail = Pick<Digest, "subject" | "html" | "text" | "parts">;

/**
 * The email one reader gets, or undefined when the digest has nothing in their themes.
 *
 * @example const mail = readerCopy(digest, chosenThemes(reader.themes, names), readerLinks(config, reader))
 */
export function readerCopy(digest: DigestEmail, themes: ThemeChoice, links: ReaderLinks): EmailParts | undefined {
  if (digest.parts) return assembleEmail(digest.parts, themes, links);
  // Built before parts: one email for everyone; its only placeholder is the unsubscribe link.
  return personalise({ subject: digest.subject, html: digest.html, text: digest.text }, links);
}
