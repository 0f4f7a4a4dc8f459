/**
 * How the theme classifier sees text: a list of lower-case words. Config terms and item text go
 * through the same function, so "China’s", "China's" and "CHINA" are all the word "china", and
 * "blue-chip" is the two words "blue chip".
 */

// A word is a run of letters and digits, with inner apostrophes ("don’t"); anything else separates.
const wordPattern = /[\p{L}\p{N}]+(?:['’ʼ][\p{L}\p{N}]+)*/gu;
const possessive = /['’ʼ]s$/;
const apostrophes = /[’ʼ]/g;

/** The words of a text, lower-cased, possessive "’s" dropped: "China’s AI-chip" → china, ai, chip. */
export function words(text: string): string[] {
  // NFKC folds full-width letters and ligatures that CJK and typeset feeds use.
  const matches = text.normalize("NFKC").toLowerCase().match(wordPattern);
  if (!matches) return [];
  return matches.map((w) => w.replace(possessive, "").replace(apostrophes, "'"));
}

/**
 * The forms of a configured word that count as a match: itself and its regular English plural
 * (chip → chips, foundry → foundries, process → processes). Terms are written in the singular;
 * an irregular plural is listed as a term of its own.
 */
export function wordForms(word: string): string[] {
  if (/(s|x|z|ch|sh)$/.test(word)) return [word, word + "es"];
  if (/[^aeiou]y$/.test(word)) return [word, word.slice(0, -1) + "ies"];
  return [word, word + "s"];
}
