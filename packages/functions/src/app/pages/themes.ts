/**
 * What the newsletter covers, for the landing page: its themes in display order. Issue 4's list
 * until `templates/themes.ts` is on main; then this returns `themes().list` from
 * `@tidings/core/theme/themes` (names, and each theme's `about` line).
 */
export interface CoveredTheme {
  name: string;
  about?: string;
}

const issue4Themes = [
  "AI chips & computing",
  "Memory & storage",
  "Foundries & manufacturing",
  "Policy & trade",
  "Devices & autos",
  "Markets & investment",
  "More news",
];

export function coveredThemes(): CoveredTheme[] {
  return issue4Themes.map((name) => ({ name }));
}
