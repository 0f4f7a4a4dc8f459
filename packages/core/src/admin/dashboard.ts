/**
 * Everything the dashboard shows, gathered in a handful of reads: readers by state (the weekly
 * counters, store/reader-counts.ts, plus one COUNT over the small pending partition), readers per
 * week for six months (the same counters), the last digests with their delivery figures, the
 * health of every registered feed, and the warnings (warnings.ts).
 */
import type { Context } from "../context.ts";
import { weekOf } from "../digest/week.ts";
import { registeredFeeds } from "../feed/registry.ts";
import { getDeliveryFigures, type DeliveryFigures } from "../store/digest-stats.ts";
import { listDigests } from "../store/digests.ts";
import { itemCountsByFeed } from "../store/items.ts";
import { readerCountsByWeek, type WeekCounts } from "../store/reader-counts.ts";
import { countPending } from "../store/subscriber-list.ts";
import { warningsOf, type Warning } from "./warnings.ts";

const DAY = 24 * 60 * 60 * 1000;

export interface ReaderTotals {
  pending: number;
  active: number;
  unsubscribed: number;
  suppressed: number;
  erased: number;
}

export interface WeekPoint {
  week: string;
  /** Active readers at the end of the week. */
  active: number;
  /** Net change of active readers during the week. */
  change: number;
}

export interface FeedHealth {
  feedKey: string;
  title: string;
  source: string;
  status: "active" | "paused";
  lastSuccessAt: string | undefined;
  lastError: string | undefined;
  lastErrorAt: string | undefined;
  failingSince: string | undefined;
  failures: number;
  disabled: string | undefined;
  itemsLastFourWeeks: number;
}

export interface DigestFigures {
  week: string;
  subject: string;
  figures: DeliveryFigures;
}

export interface Dashboard {
  readers: ReaderTotals;
  weeks: WeekPoint[];
  digests: DigestFigures[];
  feeds: FeedHealth[];
  warnings: Warning[];
}

/**
 * The last `count` ISO weeks (UTC) up to `now`'s, oldest first, with the active readers at the end
 * of each: the running totals of the last counted week at or before it.
 */
export function weeklyActive(counts: WeekCounts[], now: Date, count = 26): WeekPoint[] {
  const weeks = Array.from({ length: count }, (_, i) =>
    weekOf(new Date(now.getTime() - (count - 1 - i) * 7 * DAY), "UTC"),
  );
  return weeks.map((week) => {
    const upTo = counts.filter((c) => c.week <= week).at(-1);
    const during = counts.find((c) => c.week === week);
    return { week, active: upTo?.total.active ?? 0, change: during?.change.active ?? 0 };
  });
}

export async function dashboard(ctx: Context, now: Date): Promise<Dashboard> {
  const [counts, pending, feeds, summaries, items] = await Promise.all([
    readerCountsByWeek(ctx.db),
    countPending(ctx.db, now),
    registeredFeeds(ctx),
    listDigests(ctx.db),
    itemCountsByFeed(ctx.db, new Date(now.getTime() - 28 * DAY), now),
  ]);
  const totals = counts.at(-1)?.total ?? { active: 0, unsubscribed: 0, suppressed: 0, erased: 0 };
  const digests = await Promise.all(
    summaries
      .slice(0, 6)
      .map(async (d) => ({ week: d.week, subject: d.subject, figures: await getDeliveryFigures(ctx.db, d.week) })),
  );
  const health: FeedHealth[] = feeds.map((f) => ({
    feedKey: f.feedKey,
    title: f.title ?? f.source,
    source: f.source,
    status: f.status as "active" | "paused",
    lastSuccessAt: f.lastSuccessAt,
    lastError: f.lastError,
    lastErrorAt: f.lastErrorAt,
    failingSince: f.failures > 0 ? (f.failingSince ?? f.lastErrorAt) : undefined,
    failures: f.failures,
    disabled: f.disabled,
    itemsLastFourWeeks: items.get(f.feedKey) ?? 0,
  }));
  const lastSend = digests.find((d) => d.figures.fannedOutAt);
  return {
    readers: { pending, ...totals },
    weeks: weeklyActive(counts, now),
    digests,
    feeds: health,
    warnings: warningsOf(health, lastSend, now),
  };
}
