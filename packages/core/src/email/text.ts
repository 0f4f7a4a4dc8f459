/** Small text helpers for what goes into emails. */

/**
 * The URL if it is absolute http(s), else null: no `javascript:`, `data:` or relative links in
 * mail. Braces are percent-encoded, so a feed's link can never pose as a placeholder and be
 * filled with a reader's unsubscribe link.
 */
export function httpUrl(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value);
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    return url.href.replaceAll("{", "%7B").replaceAll("}", "%7D");
  } catch {
    return null;
  }
}

/** Cuts text to at most `max` characters at a word boundary, marking the cut with "…". */
export function cutAtWord(text: string, max: number): string {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= max) return clean;
  const head = clean.slice(0, max);
  const space = head.lastIndexOf(" ");
  // A single very long "word" (a URL) is cut where it is rather than dropped.
  const cut = space > max * 0.5 ? head.slice(0, space) : head.slice(0, max - 1);
  return cut.replace(/[\s.,;:!?…-]+$/u, "") + "…";
}

/** "AI chips & computing" → "ai-chips-computing" (HTML ids, URL fragments). */
export function slug(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-|-$/g, "");
}
