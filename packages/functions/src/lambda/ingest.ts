/**
 * Hourly cron (sst.aws.CronV2 "HourlyIngest"): ingests every configured feed. A feed's
 * failure is logged and recorded on the feed (with backoff); it never fails the run. A storage
 * fault does: it stops the run and fails the invocation, so it shows in the function's errors.
 */
import { createContext } from "@tidings/core/context";
import { flushingMetrics } from "@tidings/core/metrics";
import { type FeedResult, ingestFeeds } from "@tidings/core/feed/ingest";

const ctx = createContext();

function report(r: FeedResult) {
  if (r.status === "failed" || r.status === "gone")
    ctx.log.warn("feed not ingested", { source: r.source, status: r.status, error: r.error });
}

export const handler = flushingMetrics(ctx.metrics, async () => {
  const { feeds, ...totals } = await ingestFeeds(ctx, ctx.config.feeds, report);
  ctx.log.info("ingest done", { feeds: feeds.length, ...totals });
  return { feeds: feeds.length, ...totals };
});
