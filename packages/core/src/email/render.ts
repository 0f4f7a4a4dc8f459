/**
 * Renders an email template: Handlebars fills in the data (HTML-escaped in the MJML, raw in
 * the text), then MJML turns it into email HTML. MJML's preprocessor hook runs Handlebars on
 * every file it reads, so `mj-include`d partials see the same data as the main template.
 * Any MJML validation error or failed include throws: a broken template must not be sent.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type Handlebars from "handlebars";
import { memoizeAsync } from "../memo.ts";
import { templatesDir } from "./templates.ts";

// MJML (some 400 ms) and Handlebars (some 35 ms) load on the first render: only a process that
// renders an email pays for them, not every importer (the API reaches this file through the
// signup outbox but never renders; the Lambda check proves its bundle loads neither).
const loadMjml = memoizeAsync(() => import("mjml").then((m) => m.default));

const loadHandlebars = memoizeAsync(() =>
  import("handlebars").then(({ default: module }) => {
    const hbs = module.create();
    /** `{{underline name}}`: a row of "=" as long as the text (plain-text headings). */
    hbs.registerHelper("underline", (text: unknown) => "=".repeat(String(text).length));
    return hbs;
  }),
);

export interface RenderOptions {
  /** Folder holding the template and its `partials/` (default: the repository's `templates/`). */
  dir?: string;
}

// Compiled templates by their source: compiling costs ten times what filling does, and every
// render (the email, its shrunk retries, the web edition; each partial) fills the same few files.
const compiled = new Map<string, Handlebars.TemplateDelegate>();

function fill(hbs: typeof Handlebars, source: string, data: object, escape: boolean): string {
  const key = (escape ? "html\n" : "text\n") + source;
  let template = compiled.get(key);
  if (!template) {
    if (compiled.size >= 64) compiled.clear();
    // strict: a field the data lacks is an error, not a silent blank in 10,000 inboxes.
    template = hbs.compile(source, { strict: true, noEscape: !escape });
    compiled.set(key, template);
  }
  return template(data);
}

interface Node {
  tagName?: string;
  content?: string;
  children?: Node[];
}

/** MJML turns an include it cannot read into an mj-raw comment, not an error: find it. */
function failedInclude(node: Node): string | undefined {
  if (node.tagName === "mj-raw" && node.content?.startsWith("<!-- mj-include")) return node.content;
  for (const child of node.children ?? []) {
    const found = failedInclude(child);
    if (found) return found;
  }
  return undefined;
}

/**
 * MJML template (e.g. `digest.mjml`) + data → email HTML.
 * @example const html = await renderMjml("digest.mjml", digestEmailData)
 */
export async function renderMjml(file: string, data: object, options: RenderOptions = {}): Promise<string> {
  const path = join(options.dir ?? templatesDir(), file);
  const [mjml2html, hbs] = await Promise.all([loadMjml(), loadHandlebars()]);
  const { html, json } = await mjml2html(readFileSync(path, "utf8"), {
    filePath: path,
    ignoreIncludes: false,
    validationLevel: "strict",
    preprocessors: [(xml) => fill(hbs, xml, data, true)],
    fonts: {}, // system fonts: no request to a font host from the reader's mail client
    keepComments: false,
    minify: true,
    minifyOptions: { minifyCss: false }, // the head CSS is small; cssnano is not worth a dependency
    juiceOptions: { applyHeightAttributes: false },
  });
  const failed = failedInclude(json);
  if (failed) throw new Error(`${file}: ${failed}`);
  return html;
}

/**
 * Plain-text template (e.g. `digest.txt`) + data → text, unescaped; blank-line runs squeezed.
 */
export async function renderText(file: string, data: object, options: RenderOptions = {}): Promise<string> {
  const path = join(options.dir ?? templatesDir(), file);
  const text = fill(await loadHandlebars(), readFileSync(path, "utf8"), data, false);
  return text.replace(/\n{3,}/g, "\n\n").trim() + "\n";
}
