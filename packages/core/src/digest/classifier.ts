/** The theme classifier as the digest uses it: the newsletter's themes (`templates/themes.ts`). */
import { themes as configured } from "../theme/themes.ts";
import type { Classify } from "./sections.ts";

export interface Classifier {
  classify: Classify;
  /** Theme names in display order. */
  themes: string[];
}

export function digestClassifier(): Classifier {
  const t = configured();
  return { classify: t.classify, themes: t.list.map((x) => x.name) };
}
