/**
 * The editor's note: a small Markdown subset, parsed here into data the templates render with
 * their own escaping (digest.mjml, digest.txt), so no HTML an editor writes ever reaches a
 * reader: paragraphs (blank lines between), lists (lines starting "- " or "* "), **strong**,
 * *emphasis* or _emphasis_, and [links](https://…) to http(s) only. Anything else is text.
 * Pure, and strict by construction: the output has only the tags the templates write.
 */
import { defuse } from "../email/personalise.ts";
import { httpUrl } from "../email/text.ts";

/** A piece of text with its marks (every field present: the templates run in strict mode). */
export interface NoteRun {
  text: string;
  strong: boolean;
  em: boolean;
  /** An absolute http(s) URL, or null. */
  link: string | null;
}

/** A paragraph (`runs`) or a list (`items`, each a line of runs); the other is null. */
export interface NoteBlock {
  runs: NoteRun[] | null;
  items: NoteRun[][] | null;
}

export interface NoteModel {
  blocks: NoteBlock[];
  /** The note as the plain-text part shows it: links as "text (url)", list items as "- …". */
  text: string;
}

const inline =
  /\[([^\]\n]+)\]\(([^)\s]+)\)|\*\*(?=\S)([^*\n]+?)\*\*|(?<![\w*])\*(?=\S)([^*\n]+?)\*(?![\w*])|(?<![\w_])_(?=\S)([^_\n]+?)_(?![\w_])/g;

const run = (text: string, marks: Partial<Omit<NoteRun, "text">> = {}): NoteRun => ({
  text: defuse(text),
  strong: marks.strong ?? false,
  em: marks.em ?? false,
  link: marks.link ?? null,
});

/** One line (or paragraph) of text into runs. */
export function parseInline(source: string): NoteRun[] {
  const out: NoteRun[] = [];
  let at = 0;
  for (const m of source.matchAll(inline)) {
    if (m.index > at) out.push(run(source.slice(at, m.index)));
    const [, label, url, strong, star, underscore] = m;
    if (label !== undefined) {
      const link = httpUrl(url);
      // A link to anything but http(s) (javascript:, a relative path) keeps only its text.
      out.push(run(label, { link }));
    } else if (strong !== undefined) out.push(run(strong, { strong: true }));
    else out.push(run((star ?? underscore)!, { em: true }));
    at = m.index + m[0].length;
  }
  if (at < source.length) out.push(run(source.slice(at)));
  return out;
}

const bullet = /^\s*[-*]\s+(.*)$/;

/** The note's blocks: paragraphs and lists, in order. */
function blocksOf(source: string): NoteBlock[] {
  const blocks: NoteBlock[] = [];
  for (const chunk of source.replace(/\r\n?/g, "\n").split(/\n\s*\n/)) {
    let paragraph: string[] = [];
    let items: string[] | null = null;
    const flush = () => {
      if (paragraph.length) blocks.push({ runs: parseInline(paragraph.join(" ")), items: null });
      if (items?.length) blocks.push({ runs: null, items: items.map(parseInline) });
      paragraph = [];
      items = null;
    };
    for (const raw of chunk.split("\n")) {
      const line = raw.trim();
      if (!line) continue;
      const item = bullet.exec(line)?.[1];
      if (item !== undefined) {
        if (paragraph.length) flush();
        (items ??= []).push(item.trim());
      } else if (items) items[items.length - 1] += ` ${line}`;
      else paragraph.push(line);
    }
    flush();
  }
  return blocks;
}

const plain = (runs: NoteRun[]) =>
  runs.map((r) => (r.link && r.link !== r.text ? `${r.text} (${r.link})` : r.text)).join("");

/**
 * The note as the templates take it, or null for none.
 *
 * @example parseNote("A **big** week: see [the report](https://example.com/r).")
 *   // blocks: [{ runs: [{ text: "A " }, { text: "big", strong: true }, …] }], text: "A big week: see the report (https://example.com/r)."
 */
export function parseNote(source: string): NoteModel | null {
  const blocks = blocksOf(source.trim());
  if (blocks.length === 0) return null;
  const text = blocks
    .map((b) => (b.runs ? plain(b.runs) : b.items!.map((i) => `- ${plain(i)}`).join("\n")))
    .join("\n\n");
  return { blocks, text };
}
