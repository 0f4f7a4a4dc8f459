/**
 * Render once, personalise per reader. A stored email holds placeholders (`{{unsubscribe_url}}`)
 * where each reader's values go; at send time they are filled by plain concatenation around
 * split points found once per stored email, not by searching the text again for every reader.
 */

/** What differs per reader. */
export interface Personal {
  unsubscribeUrl: string;
}

/** The placeholder each personal value replaces, in HTML, text and subject alike. */
export const placeholders: Record<keyof Personal, string> = {
  unsubscribeUrl: "{{unsubscribe_url}}",
};

/** A renderable email: subject (plain text), HTML body, plain-text body. */
export interface EmailParts {
  subject: string;
  html: string;
  text: string;
}

/** One text cut at its placeholders: `parts[0] + value(keys[0]) + parts[1] + …`. */
interface Split {
  parts: string[];
  keys: (keyof Personal)[];
}

interface Prepared {
  subject: Split;
  html: Split;
  text: Split;
}

const keyByToken = new Map(Object.entries(placeholders).map(([k, t]) => [t, k as keyof Personal]));
const tokenPattern = new RegExp(
  [...keyByToken.keys()].map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"),
  "g",
);

function split(text: string): Split {
  const parts: string[] = [];
  const keys: (keyof Personal)[] = [];
  let at = 0;
  for (const m of text.matchAll(tokenPattern)) {
    parts.push(text.slice(at, m.index));
    keys.push(keyByToken.get(m[0])!);
    at = m.index + m[0].length;
  }
  parts.push(text.slice(at));
  return { parts, keys };
}

const prepared = new WeakMap<EmailParts, Prepared>();

/** Finds the split points of a stored email (done once per email object, then cached). */
export function prepare(email: EmailParts): Prepared {
  let p = prepared.get(email);
  if (!p) {
    p = { subject: split(email.subject), html: split(email.html), text: split(email.text) };
    prepared.set(email, p);
  }
  return p;
}

function join({ parts, keys }: Split, values: Record<keyof Personal, string>): string {
  let out = parts[0]!;
  for (let i = 0; i < keys.length; i++) out += values[keys[i]!] + parts[i + 1]!;
  return out;
}

const htmlEscapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => htmlEscapes[c]!);

/**
 * The email one reader gets: every placeholder filled with their values (HTML-escaped in the
 * HTML part).
 * @example const mail = personalise(digest, { unsubscribeUrl: "https://…/unsubscribe?token=…" })
 */
export function personalise(email: EmailParts, personal: Personal): EmailParts {
  const p = prepare(email);
  const escaped = { unsubscribeUrl: escapeHtml(personal.unsubscribeUrl) };
  return { subject: join(p.subject, personal), html: join(p.html, escaped), text: join(p.text, personal) };
}

/**
 * Makes text from a feed unable to pose as a placeholder ("{{" becomes "{ {"), so a hostile
 * title can never be filled with a reader's personal link.
 */
export function defuse(text: string): string {
  return text.includes("{{") ? text.replace(/\{(?=\{)/g, "{ ") : text;
}
