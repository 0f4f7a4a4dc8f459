/**
 * Builds a week's digest, idempotently: a week that has a digest keeps it (it may have been
 * sent); `rebuild` renders it anew from the week's items (e.g. after a template change).
 */
import { newsletter as defaultNewsletter, type DigestLimits, type Newsletter } from "@tidings/templates/newsletter";
import type { Context } from "../context.ts";
import { digestSentError, getDigest, putDigest, type Digest } from "../store/digests.ts";
import type { Correction } from "../theme/learn.ts";
import { digestClassifier, type Classifier } from "./classifier.ts";
import { dedupe } from "./dedupe.ts";
import { renderDigest } from "./email.ts";
import { groupByTheme } from "./sections.ts";
import { weekItems } from "./source.ts";
import { weekRange, type WeekRange } from "./week.ts";

export interface BuildOptions {
  /** Render and store anew even if the week has a digest. */
  rebuild?: boolean;
  /** Files items; default: learned from the stored items (digest/classifier.ts). */
  classifier?: Classifier;
  /** Items an editor filed by hand, which the learned classifier takes as fixed labels. */
  corrections?: readonly Correction[];
  newsletter?: Newsletter;
  limits?: Partial<DigestLimits>;
  now?: Date;
}

export type BuildResult =
  /** created: new; replaced: rebuilt; exists: the week already had this digest. */
  | { status: "created" | "replaced" | "exists"; digest: Digest }
  /** No item was published that week: no digest. */
  | { status: "empty"; range: WeekRange };

/**
 * @example const result = await buildDigest(ctx, "2026-W20"); if (result.status === "empty") …
 */
export async function buildDigest(ctx: Context, week: string, options: BuildOptions = {}): Promise<BuildResult> {
  const timeZone = ctx.config.digestTimezone;
  const range = weekRange(week, timeZone);
  const existing = await getDigest(ctx.db, range.week);
  if (existing && !options.rebuild) return { status: "exists", digest: existing };
  if (existing?.sendStartedAt) throw digestSentError(range.week);
  const items = dedupe(await weekItems(ctx.db, range));
  if (items.length === 0) {
    ctx.log.debug("digest: no items published that week, no digest", { week: range.week, timeZone });
    return { status: "empty", range };
  }
  const { classify, themes } = options.classifier ?? (await digestClassifier(ctx.db, range, options.corrections));
  const sections = groupByTheme(items, classify, themes);
  const rendered = await renderDigest({
    range,
    sections,
    newsletter: options.newsletter ?? defaultNewsletter,
    limits: options.limits,
    publicUrl: ctx.config.publicUrl,
    postalAddress: ctx.config.postalAddress,
    timeZone,
  });
  const digest: Digest = {
    week: range.week,
    firstDay: range.firstDay,
    lastDay: range.lastDay,
    timeZone,
    subject: rendered.subject,
    itemCount: items.length,
    createdAt: (options.now ?? new Date()).toISOString(),
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
  };
  const status = await putDigest(ctx.db, digest, { replace: options.rebuild ?? false });
  ctx.log.debug("digest stored", { week: range.week, status, items: items.length, themes: sections.length });
  // Lost a race with another build: theirs is the week's digest.
  if (status === "exists") return { status, digest: (await getDigest(ctx.db, range.week))! };
  return { status, digest };
}
