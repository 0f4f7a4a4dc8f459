/**
 * Where the email templates live: `templates/` at the repository root, or beside the
 * bundle on Lambda (SST `copyFiles` puts it at the function's root, its working directory).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const candidates = [fileURLToPath(new URL("../../../../templates", import.meta.url)), join(process.cwd(), "templates")];

let found: string | undefined;

/** The absolute path of the templates folder. */
export function templatesDir(): string {
  found ??= candidates.find((dir) => existsSync(join(dir, "partials")));
  if (!found) throw new Error(`templates folder not found (looked in ${candidates.join(", ")})`);
  return found;
}
