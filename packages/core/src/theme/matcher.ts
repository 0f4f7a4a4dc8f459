/**
 * Finds configured terms in a list of words. Built once from the whole configuration: every
 * term of every theme is indexed by its first word, so one pass over an item's words finds all
 * matches without building a regular expression per item or per term.
 */
import { wordForms, words } from "./words.ts";

/** A configured word or phrase, as the matcher needs it. */
export interface Term {
  /** As written in the configuration, for explanations and error messages. */
  text: string;
  theme: number;
  weight: number;
  /** True for an `ignore` phrase: it cancels the theme's terms it overlaps instead of scoring. */
  ignore: boolean;
}

/** One occurrence of a term: words [start, end) of the text. */
export interface Match {
  term: Term;
  start: number;
  end: number;
}

interface Entry {
  term: Term;
  /** Words after the first, exact except the last, which may be any of its forms. */
  middle: string[];
  last: ReadonlySet<string> | null;
  /** "hbm*": the last word only has to start with this. */
  lastPrefix: string | null;
}

export class Matcher {
  private readonly byFirstWord = new Map<string, Entry[]>();
  /** Single-word prefix terms ("hbm*") cannot be looked up by exact word. */
  private readonly prefixes: Entry[] = [];

  /** Adds a term; returns false when it has no words at all (only punctuation). */
  add(term: Term): boolean {
    const prefix = term.text.trimEnd().endsWith("*");
    const w = words(term.text);
    const lastWord = w.at(-1);
    if (lastWord === undefined) return false;
    const lastForms = prefix ? null : new Set(wordForms(lastWord));
    const entry: Entry = { term, middle: w.slice(1, -1), last: lastForms, lastPrefix: prefix ? lastWord : null };
    if (w.length === 1) {
      if (prefix) this.prefixes.push(entry);
      else for (const form of lastForms ?? []) this.index(form, { ...entry, last: null });
    } else {
      this.index(w[0]!, entry);
    }
    return true;
  }

  /** Every occurrence of every term in the words, in order of position. */
  find(text: readonly string[]): Match[] {
    const found: Match[] = [];
    for (let i = 0; i < text.length; i++) {
      const word = text[i]!;
      for (const entry of this.byFirstWord.get(word) ?? []) this.tryAt(entry, text, i, found);
      for (const entry of this.prefixes)
        if (word.startsWith(entry.lastPrefix!)) found.push({ term: entry.term, start: i, end: i + 1 });
    }
    return found;
  }

  private index(word: string, entry: Entry): void {
    const list = this.byFirstWord.get(word);
    if (list) list.push(entry);
    else this.byFirstWord.set(word, [entry]);
  }

  private tryAt(entry: Entry, text: readonly string[], start: number, found: Match[]): void {
    // Single-word terms were indexed under each of their forms: the lookup was the match.
    if (entry.last === null && entry.lastPrefix === null) {
      found.push({ term: entry.term, start, end: start + 1 });
      return;
    }
    let i = start + 1;
    for (const word of entry.middle) if (text[i++] !== word) return;
    const last = text[i];
    if (last === undefined) return;
    if (entry.lastPrefix !== null ? !last.startsWith(entry.lastPrefix) : !entry.last!.has(last)) return;
    found.push({ term: entry.term, start, end: i + 1 });
  }
}
