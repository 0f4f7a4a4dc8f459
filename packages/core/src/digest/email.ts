/**
 * Renders a week's digest, once: the email (capped, with placeholders for what each reader
 * gets personally), cut into stored parts by theme, and the web edition (every item, no
 * personal links). The review's edits re-render through this same function.
 */
import { wholeEmail } from "../email/assemble.ts";
import { latin1Html, type EmailParts } from "../email/personalise.ts";
import { renderMjml, renderText, type RenderOptions } from "../email/render.ts";
import { digestModel, type DigestInput, type DigestModel } from "./model.ts";
import { cutIntoParts, type DigestParts } from "./parts.ts";

/** Gmail clips messages above about 102 KB of HTML; stay clear of it. */
export const maxEmailHtmlBytes = 100 * 1024;

export interface RenderedDigest extends EmailParts {
  /** The browser edition: every item, no unsubscribe link. */
  webHtml: string;
  /** The email as parts, from which each reader's copy is assembled (email/assemble.ts). */
  parts: DigestParts;
}

const cardCount = (m: DigestModel) => m.sections.reduce((n, s) => n + s.cards.length, 0);

/**
 * The email's parts, its whole (every theme, placeholders kept) and the web edition's HTML. MJML
 * runs once for the email (more only if long headlines pass the clip) and once for the web.
 */
export async function renderDigest(input: DigestInput, options: RenderOptions = {}): Promise<RenderedDigest> {
  if (input.sections.length === 0) throw new Error("a digest needs at least one section");
  let email = digestModel(input, "email");
  let html = latin1Html(await renderMjml("digest.mjml", email, options));
  // Unusually long titles and links could still pass the clip: show fewer items, the rest are on the web.
  for (
    let size = Buffer.byteLength(html);
    size > maxEmailHtmlBytes && cardCount(email) > 1;
    size = Buffer.byteLength(html)
  ) {
    const maxItems = Math.max(1, Math.floor((cardCount(email) * maxEmailHtmlBytes * 0.95) / size));
    email = digestModel({ ...input, limits: { ...input.limits, maxItems } }, "email");
    html = latin1Html(await renderMjml("digest.mjml", email, options));
  }
  const webHtml = await renderMjml("digest.mjml", digestModel(input, "web"), options);
  const text = await renderText("digest.txt", email, options);
  const parts = cutIntoParts(
    { html, text },
    email.partMarker!,
    email.sections.map((s, i) => ({
      theme: s.name,
      subjectHeadline: email.leads[i]!.subject,
      previewHeadline: email.leads[i]!.preview,
    })),
    {
      subjectLead: email.subjectLead,
      subject: email.fixedSubject,
      previewCount: { ...input.newsletter.digest, ...input.limits }.previewHeadlines,
    },
  );
  return { ...wholeEmail(parts), webHtml, parts };
}
