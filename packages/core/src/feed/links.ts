/**
 * Links: resolved against `xml:base` and the feed's own URL, and kept only when the result
 * is http(s). `javascript:`, `data:`, `file:` and friends never leave the parser.
 */

// An absolute URL the WHATWG parser would return unchanged (a lower-case host name, not an
// IP address; a path; no dot segments; nothing to percent-encode): most feed links are.
const alreadyNormal =
  /^https?:\/\/(?:[a-z0-9-]+\.)*[a-z][a-z0-9-]*(?!.*(?:\/\.|%2[eE]))\/[A-Za-z0-9\-._~!$&()*+,;=:@\/?#%]*$/;
const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:/;

/**
 * `href` made absolute against `base`; null when it cannot be, or is not http(s).
 * `anyScheme` keeps other schemes (an `xml:base` may be a `file:` URL while parsing a file).
 */
export function resolveUrl(href: string | undefined, base: string | undefined, anyScheme = false): string | null {
  if (!href) return null;
  const value = href.trim();
  if (!value) return null;
  if (alreadyNormal.test(value)) return value;
  if (!base && !scheme.test(value)) return null;
  let url: URL;
  try {
    url = base ? new URL(value, base) : new URL(value);
  } catch {
    return null;
  }
  if (!anyScheme && url.protocol !== "http:" && url.protocol !== "https:") return null;
  return url.href;
}

/** True when a string starts with `http://` or `https://` (a URL to fetch, not a file). */
export const isHttp = (value: string): boolean => /^https?:\/\//i.test(value);

/** True when a string is an absolute http(s) URL (a GUID that is also a permalink). */
export const isHttpUrl = (value: string): boolean => isHttp(value) && resolveUrl(value, undefined) !== null;
