/**
 * What an installation needs once before the desk works on data written by earlier versions: the
 * subscriber list (GSI2) and its counters backfilled, the feed registry seeded from FEEDS. Each
 * step is guarded by a marker row, so afterwards this costs two reads. `npm start` runs it, and
 * so does every hourly ingest on AWS (a deploy needs no manual step).
 */
import type { Context } from "../context.ts";
import { ensureFeedsSeeded } from "../feed/registry.ts";
import { backfillSubscriberList } from "../store/subscriber-backfill.ts";

export async function prepareInstallation(ctx: Context, now = new Date()): Promise<void> {
  const listed = await backfillSubscriberList(ctx.db, now);
  if (listed > 0) ctx.log.info("desk: subscribers listed and counted", { listed });
  await ensureFeedsSeeded(ctx, now);
}
