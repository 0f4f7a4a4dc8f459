/**
 * How the learning classifier sees text: the words of `words.ts`, without the commonest English
 * words (they say nothing about a theme), each reduced to its Porter stem so that "libraries",
 * "library" and "Library's" are one feature.
 */
import { stemmer } from "stemmer";
import { eng } from "stopword";
import { words } from "./words.ts";

const stopWords = new Set<string>(eng);
// Stemming is the costly step; a newsletter's vocabulary is a few tens of thousands of words.
const stems = new Map<string, string>();

/** Stem of one lower-case word. */
export function stem(word: string): string {
  let s = stems.get(word);
  if (s === undefined) stems.set(word, (s = stemmer(word)));
  return s;
}

/**
 * The meaningful words of a text, in order: "The libraries' designs" → libraries, designs.
 * Single letters and stop words are left out.
 */
export function meaningfulWords(text: string): string[] {
  return words(text).filter((w) => w.length > 1 && !stopWords.has(w));
}

/** Stems of the meaningful words of a text: "The libraries' designs" → librari, design. */
export function stemmedWords(text: string): string[] {
  return meaningfulWords(text).map(stem);
}
