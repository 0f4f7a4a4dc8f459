/**
 * A minimal template renderer for the confirmation email: `{{name}}` placeholders filled from a
 * record (HTML-escaped in MJML, as is in text), then MJML 5 in strict validation.
 * (Stand-in until the digest's MJML wrapper in email/ is on main; the templates use the same
 * `{{name}}` syntax, so they move over unchanged.)
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import mjml2html from "mjml";

// The repository's templates/, or the copy SST puts beside the bundle on Lambda (`copyFiles`).
const candidates = [fileURLToPath(new URL("../../../../templates", import.meta.url)), join(process.cwd(), "templates")];

function templatePath(file: string): string {
  const dir = candidates.find((d) => existsSync(join(d, file)));
  if (!dir) throw new Error(`template ${file} not found (looked in ${candidates.join(", ")})`);
  return join(dir, file);
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

function fill(source: string, values: Record<string, string>, escape: boolean, file: string): string {
  return source.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`${file}: no value for {{${name}}}`);
    return escape ? escapeHtml(value) : value;
  });
}

/** `confirm.mjml` + values → email HTML; throws on any MJML error rather than send a broken email. */
export async function renderMjmlTemplate(file: string, values: Record<string, string>): Promise<string> {
  const path = templatePath(file);
  const { html, errors } = await mjml2html(fill(readFileSync(path, "utf8"), values, true, file), {
    filePath: path,
    validationLevel: "strict",
    fonts: {},
    keepComments: false,
  });
  if (errors.length > 0) throw new Error(`${file}: ${errors.map((e) => e.formattedMessage).join("; ")}`);
  return html;
}

/** `confirm.txt` + values → the plain-text part. */
export function renderTextTemplate(file: string, values: Record<string, string>): string {
  return fill(readFileSync(templatePath(file), "utf8"), values, false, file);
}
