/**
 * A reader's choice of themes, as stored on their row (`themes`, DECISIONS.md): absent means every
 * theme; names the themes file no longer has (a theme renamed) are ignored; a choice that names
 * no current theme at all counts as every theme, so nobody is silently sent nothing for good.
 */
import { TidingsError } from "../error.ts";
import type { ThemeChoice } from "../email/assemble.ts";

/**
 * The themes a reader gets, given the newsletter's current themes.
 *
 * @example chosenThemes(subscriber.themes, themes().list.map((t) => t.name))
 */
export function chosenThemes(stored: readonly string[] | undefined, known: readonly string[]): ThemeChoice {
  if (!stored) return "all";
  const current = new Set(known);
  const kept = stored.filter((t) => current.has(t));
  return kept.length === 0 || kept.length === current.size ? "all" : new Set(kept);
}

/** The themes a reader has ticked, in the themes file's order (every one when they chose nothing yet). */
export function tickedThemes(stored: readonly string[] | undefined, known: readonly string[]): string[] {
  const choice = chosenThemes(stored, known);
  return choice === "all" ? [...known] : known.filter((t) => choice.has(t));
}

/**
 * The choice to store from a submitted form: the known themes among those ticked, in file order,
 * or undefined when every theme is ticked (every theme, then, including any added later). None
 * at all is refused: leaving is what unsubscribing is for, and the message says so.
 */
export function themesToStore(ticked: readonly string[], known: readonly string[]): string[] | undefined {
  const wanted = new Set(ticked);
  const kept = known.filter((t) => wanted.has(t));
  if (kept.length === 0) {
    throw new TidingsError(
      "invalid",
      "preferences.no_theme",
      "Choose at least one topic. To stop receiving the newsletter altogether, unsubscribe instead.",
    );
  }
  return kept.length === known.length ? undefined : kept;
}
