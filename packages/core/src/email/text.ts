/** Small text helpers for what goes into emails. */
import { resolveUrl } from "../feed/links.ts";
import { collapse, truncate } from "../feed/text.ts";

/**
 * The URL if it is absolute http(s), else null: no `javascript:`, `data:` or relative links in
 * mail. Braces are percent-encoded, so a feed's link can never pose as a placeholder and be
 * filled with a reader's unsubscribe link.
 */
export function httpUrl(value: string | null | undefined): string | null {
  return (
    resolveUrl(value ?? undefined, undefined)
      ?.replaceAll("{", "%7B")
      .replaceAll("}", "%7D") ?? null
  );
}

/** Whitespace collapsed, then at most `max` characters cut at a word boundary, marked with "…". */
export const cutAtWord = (text: string, max: number): string => truncate(collapse(text), max);

/** "AI chips & computing" → "ai-chips-computing" (HTML ids, URL fragments). */
export function slug(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-|-$/g, "");
}
