/**
 * Builds a week's digest, idempotently: a week that has a digest keeps it (it may have been
 * sent); `rebuild` files and renders it anew from the week's items (e.g. after a template
 * change), keeping its editors' edits and its status, until its delivery begins.
 */
import type { DigestLimits, Newsletter } from "@tidings/templates/newsletter";
import type { Context } from "../context.ts";
import { learnedCorrections } from "../review/corrections.ts";
import { noEdits } from "../review/edits.ts";
import {
  digestSentError,
  getDigest,
  isFinal,
  putDigest,
  type Digest,
  type DigestReview,
  type DigestStatus,
} from "../store/digests.ts";
import type { Correction } from "../theme/learn.ts";
import { digestClassifier, type Classifier } from "./classifier.ts";
import { composeDigest, stateOf, type DigestState } from "./compose.ts";
import { dedupe } from "./dedupe.ts";
import { weekItems } from "./source.ts";
import { weekRange, type WeekRange } from "./week.ts";

export interface BuildOptions {
  /** Render and store anew even if the week has a digest. */
  rebuild?: boolean;
  /** Files items; default: learned from the stored items (digest/classifier.ts). */
  classifier?: Classifier;
  /**
   * Items an editor filed by hand, which the learned classifier takes as fixed labels; default:
   * the stored corrections of this week and the weeks before (review/corrections.ts).
   */
  corrections?: readonly Correction[];
  /** A new digest's status; default: `draft` with REVIEW=on, else `approved` (a rebuild keeps its own). */
  status?: Extract<DigestStatus, "draft" | "approved">;
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
  if (existing && isFinal(existing)) throw digestSentError(range.week);
  const items = dedupe(await weekItems(ctx.db, range));
  if (items.length === 0) {
    ctx.log.debug("digest: no items published that week, no digest", { week: range.week, timeZone });
    return { status: "empty", range };
  }
  const classifier =
    options.classifier ??
    (await digestClassifier(ctx.db, range, options.corrections ?? (await learnedCorrections(ctx.db, range.week))));
  const review: DigestReview = {
    themes: classifier.themes,
    filed: Object.fromEntries(items.map((i) => [i.key, classifier.classify(i)])),
    why: classifier.explain ? Object.fromEntries(items.map((i) => [i.key, classifier.explain!(i)])) : {},
    // A rebuild keeps what the editors did: their edits apply to the new filing.
    edits: existing?.review?.edits ?? noEdits,
  };
  const state: DigestState = existing
    ? { ...stateOf(existing), createdAt: (options.now ?? new Date()).toISOString(), revision: existing.revision + 1 }
    : {
        createdAt: (options.now ?? new Date()).toISOString(),
        status: options.status ?? (ctx.config.review === "on" ? "draft" : "approved"),
        revision: 0,
      };
  const digest = await composeDigest(ctx, range, items, review, state, options);
  const status = await putDigest(ctx.db, digest, { replace: existing !== undefined });
  ctx.log.debug("digest stored", { week: range.week, status, items: items.length, themes: digest.sections.length });
  // Lost a race with another build: theirs is the week's digest.
  if (status === "exists") return { status, digest: (await getDigest(ctx.db, range.week))! };
  return { status, digest };
}
