/**
 * Render once, personalise per reader. A stored email holds placeholders (`{{unsubscribe_url}}`)
 * where each reader's values go; at send time they are filled by plain concatenation around
 * split points found once per stored email, not by searching the text again for every reader.
 */

/** What differs per reader. An email needs a value for each placeholder it holds, no more. */
export interface Personal {
  unsubscribeUrl: string;
  /** The double opt-in link (the confirmation email, the change of address). */
  confirmUrl: string;
  /** The reader's preference center (every digest's footer). */
  preferencesUrl: string;
  /** The inbox preview line: the reader's first headlines (a digest's head part). */
  preheader: string;
}

/** The placeholder each personal value replaces, in HTML, text and subject alike. */
export const placeholders: Record<keyof Personal, string> = {
  unsubscribeUrl: "{{unsubscribe_url}}",
  confirmUrl: "{{confirm_url}}",
  preferencesUrl: "{{preferences_url}}",
  preheader: "{{preheader}}",
};

/** A renderable email: subject (plain text), HTML body, plain-text body. */
export interface EmailParts {
  subject: string;
  html: string;
  text: string;
}

/** One text cut at its placeholders: `parts[0] + value(keys[0]) + parts[1] + …`. */
export interface Split {
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

/** Cuts a text at its placeholders (once per stored text: keep the result). */
export function split(text: string): Split {
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

/** The text of a split with every placeholder filled; throws on a placeholder without a value. */
export function join({ parts, keys }: Split, values: Partial<Personal>): string {
  let out = parts[0]!;
  for (let i = 0; i < keys.length; i++) {
    const value = values[keys[i]!];
    // A placeholder left in would reach every inbox: refuse instead.
    if (value === undefined) throw new Error(`no value for the placeholder ${placeholders[keys[i]!]}`);
    out += value + parts[i + 1]!;
  }
  return out;
}

const htmlEscapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => htmlEscapes[c]!);

/**
 * HTML with every character beyond Latin-1 written as a numeric reference (`–` → `&#8211;`): the
 * same document, made a one-byte string. V8 keeps a replace's or a split's result in its
 * source's representation, two bytes a character once any was wider, and every reader's copy
 * built from such parts inherits it: twice the memory, and a copy past 128 KB lands in the
 * large-object space, where flattening it (serialising the request) took 30 times as long.
 */
export function latin1Html(html: string): string {
  return Buffer.from(
    html.replace(/[^\u0000-\u00ff]/gu, (c) => `&#${c.codePointAt(0)};`),
    "latin1",
  ).toString("latin1");
}

/**
 * The email one reader gets: every placeholder filled with their values (HTML-escaped in the
 * HTML part). Throws if the email holds a placeholder `personal` has no value for.
 * @example const mail = personalise(digest, { unsubscribeUrl: "https://…/unsubscribe?token=…" })
 */
export function personalise(email: EmailParts, personal: Partial<Personal>): EmailParts {
  const p = prepare(email);
  const escaped: Partial<Personal> = {};
  for (const k of Object.keys(personal) as (keyof Personal)[]) escaped[k] = escapeHtml(personal[k]!);
  return { subject: join(p.subject, personal), html: join(p.html, escaped), text: join(p.text, personal) };
}

/**
 * Makes text from a feed unable to pose as a placeholder ("{{" becomes "{ {"), so a hostile
 * title can never be filled with a reader's personal link.
 */
export function defuse(text: string): string {
  return text.includes("{{") ? text.replace(/\{(?=\{)/g, "{ ") : text;
}
