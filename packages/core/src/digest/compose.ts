/**
 * A digest from its week's items, the classifier's filing and the editors' edits: the one path
 * from items to a stored digest that every build and every edit takes (the same renderDigest,
 * so what the desk shows, what the archive shows and what readers get come from one render).
 */
import { newsletter as defaultNewsletter, type DigestLimits, type Newsletter } from "@tidings/templates/newsletter";
import type { Context } from "../context.ts";
import { TidingsError } from "../error.ts";
import { applyEdits } from "../review/edits.ts";
import { parseNote } from "../review/note.ts";
import type { Digest, DigestReview } from "../store/digests.ts";
import { renderDigest } from "./email.ts";
import type { DigestItem } from "./item.ts";
import type { WeekRange } from "./week.ts";

export interface RenderSettings {
  newsletter?: Newsletter;
  limits?: Partial<DigestLimits>;
}

/** What a digest keeps from before its render (its state), or starts with. */
export type DigestState = Pick<Digest, "createdAt" | "status" | "revision"> &
  Partial<Pick<Digest, "sendStartedAt" | "reviewRequestedAt" | "approvedBy" | "approvedAt" | "deadline">>;

/** A stored digest's state, without what a render makes. */
export function stateOf(d: Digest): DigestState {
  const { createdAt, status, revision, sendStartedAt, reviewRequestedAt, approvedBy, approvedAt, deadline } = d;
  return {
    createdAt,
    status,
    revision,
    ...(sendStartedAt ? { sendStartedAt } : {}),
    ...(reviewRequestedAt ? { reviewRequestedAt } : {}),
    ...(approvedBy ? { approvedBy } : {}),
    ...(approvedAt ? { approvedAt } : {}),
    ...(deadline ? { deadline } : {}),
  };
}

/**
 * Renders the digest of `range` from `items` (the week's, deduplicated) as `review` files and
 * edits them; nothing is stored.
 *
 * @example const digest = await composeDigest(ctx, range, items, { filed, why, edits: noEdits }, { createdAt, status: "draft", revision: 0 })
 */
export async function composeDigest(
  ctx: Context,
  range: WeekRange,
  items: readonly DigestItem[],
  review: DigestReview,
  state: DigestState,
  settings: RenderSettings = {},
): Promise<Digest> {
  const timeZone = ctx.config.digestTimezone;
  const sections = applyEdits(items, review.filed, review.edits, review.themes);
  if (sections.length === 0) {
    throw new TidingsError("invalid", "digest.empty", "a digest needs at least one story: keep one or more");
  }
  const rendered = await renderDigest({
    range,
    sections,
    newsletter: settings.newsletter ?? defaultNewsletter,
    limits: settings.limits,
    publicUrl: ctx.config.publicUrl,
    postalAddress: ctx.config.postalAddress,
    timeZone,
    note: parseNote(review.edits.note),
    subject: review.edits.subject,
  });
  return {
    ...state,
    week: range.week,
    firstDay: range.firstDay,
    lastDay: range.lastDay,
    timeZone,
    subject: rendered.subject,
    itemCount: sections.reduce((n, s) => n + s.items.length, 0),
    html: rendered.html,
    text: rendered.text,
    parts: rendered.parts,
    webHtml: rendered.webHtml,
    sections: sections.map((s) => ({
      theme: s.theme,
      items: s.items.map((i) => ({
        id: i.key,
        title: i.title,
        link: i.link,
        source: i.source,
        published: i.published,
      })),
    })),
    review,
  };
}
