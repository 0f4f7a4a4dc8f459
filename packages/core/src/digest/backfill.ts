/**
 * Builds the digests a fresh installation is missing: every complete week that has items and no
 * digest yet (`npm start` does this after ingesting, so the archive is there from the first
 * run). Weeks that have a digest are left as they are. On AWS the weekly job builds one week.
 */
import type { Context } from "../context.ts";
import { listDigests } from "../store/digests.ts";
import { allPublishedDates } from "../store/items.ts";
import { buildDigest } from "./build.ts";
import { lastCompleteWeek, weekOf, type IsoWeek } from "./week.ts";

/** Builds what is missing; returns the weeks it built, oldest first. */
export async function buildMissingDigests(ctx: Context, { now = new Date() } = {}): Promise<IsoWeek[]> {
  const timeZone = ctx.config.digestTimezone;
  const last = lastCompleteWeek(now, timeZone);
  // One listing says which weeks have a digest, rather than reading each one's bodies.
  const have = new Set((await listDigests(ctx.db)).map((d) => d.week));
  // ISO week names sort as the weeks do.
  const weeks = [...new Set((await allPublishedDates(ctx.db)).map((d) => weekOf(d, timeZone)))]
    .filter((w) => w <= last && !have.has(w))
    .sort();
  const built: IsoWeek[] = [];
  for (const week of weeks) {
    if ((await buildDigest(ctx, week, { now })).status === "created") built.push(week);
  }
  return built;
}
