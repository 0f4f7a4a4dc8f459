/**
 * Renders a week's digest, once: the email (capped, with placeholders for what each reader
 * gets personally) and the web edition (every item, no personal links).
 */
import type { EmailParts } from "../email/personalise.ts";
import { renderMjml, renderText, type RenderOptions } from "../email/render.ts";
import { digestModel, type DigestInput, type DigestModel } from "./model.ts";

/** Gmail clips messages above about 102 KB of HTML; stay clear of it. */
export const maxEmailHtmlBytes = 100 * 1024;

export interface RenderedDigest extends EmailParts {
  /** The browser edition: every item, no unsubscribe link. */
  webHtml: string;
}

const cardCount = (m: DigestModel) => m.sections.reduce((n, s) => n + s.cards.length, 0);

/** Subject, HTML and text of the email (with placeholders) plus the web edition's HTML. */
export async function renderDigest(input: DigestInput, options: RenderOptions = {}): Promise<RenderedDigest> {
  if (input.sections.length === 0) throw new Error("a digest needs at least one section");
  let email = digestModel(input, "email");
  let html = await renderMjml("digest.mjml", email, options);
  // Unusually long titles and links could still pass the clip: show fewer items, the rest are on the web.
  for (
    let size = Buffer.byteLength(html);
    size > maxEmailHtmlBytes && cardCount(email) > 1;
    size = Buffer.byteLength(html)
  ) {
    const maxItems = Math.max(1, Math.floor((cardCount(email) * maxEmailHtmlBytes * 0.95) / size));
    email = digestModel({ ...input, limits: { ...input.limits, maxItems } }, "email");
    html = await renderMjml("digest.mjml", email, options);
  }
  const webHtml = await renderMjml("digest.mjml", digestModel(input, "web"), options);
  return { subject: email.subject, html, text: await renderText("digest.txt", email, options), webHtml };
}
