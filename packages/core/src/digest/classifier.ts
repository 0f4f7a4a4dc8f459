/**
 * The theme classifier the digest uses. STAND-IN until `theme/` lands on main: every item is
 * "More news". Then this becomes:
 *   const t = themes(); return { classify: (i) => t.classify(i), themes: t.list.map((x) => x.name) };
 */
import type { Classify } from "./sections.ts";

export interface Classifier {
  classify: Classify;
  /** Theme names in display order. */
  themes: string[];
}

export function digestClassifier(): Classifier {
  return { classify: () => "More news", themes: ["More news"] };
}
