/**
 * Builds the digests a fresh installation is missing: every complete week of the last year that
 * has items and no digest yet (`npm start` does this after ingesting, so the archive is there
 * from the first run). Weeks that have a digest are left as they are.
 */
import type { Context } from "../context.ts";
import { buildDigest } from "./build.ts";
import { lastCompleteWeek, weekOf, weekRange, type IsoWeek } from "./week.ts";

/** The `count` complete weeks before `now`, newest first. */
export function pastWeeks(now: Date, timeZone: string, count: number): IsoWeek[] {
  const weeks: IsoWeek[] = [lastCompleteWeek(now, timeZone)];
  while (weeks.length < count) {
    const monday = weekRange(weeks[weeks.length - 1]!, timeZone).start;
    weeks.push(weekOf(new Date(monday.getTime() - 1), timeZone));
  }
  return weeks;
}

/** Builds what is missing; returns the weeks it built, oldest first. */
export async function buildMissingDigests(ctx: Context, { now = new Date(), weeks = 52 } = {}): Promise<IsoWeek[]> {
  const built: IsoWeek[] = [];
  for (const week of pastWeeks(now, ctx.config.digestTimezone, weeks).reverse()) {
    const result = await buildDigest(ctx, week, { now });
    if (result.status === "created") built.push(week);
  }
  return built;
}
