/**
 * The newsletter's own themes: `templates/themes.ts`, checked and compiled on first use.
 * A static import, so the configuration is bundled into the Lambda with the code.
 */
import config from "@tidings/templates/themes";
import { compileThemes, type Themes } from "./classifier.ts";

let compiled: Themes | undefined;

/**
 * @example themes().classify(item) // "Policy & trade"
 * @example themes().list.map((t) => t.name) // display order, "More news" last
 */
export function themes(): Themes {
  return (compiled ??= compileThemes(config));
}
