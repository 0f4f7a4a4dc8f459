/** How an ingest run reads on a terminal (`npm run ingest`, `npm start`). */
import type { FeedResult } from "@tidings/core/feed/ingest";

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** One line per feed: what happened, in the newsletter's words. */
export function progressLine(r: FeedResult): string {
  const name = r.title ?? r.source;
  const moved = r.movedTo ? ` (moved permanently: now ${r.movedTo})` : "";
  switch (r.status) {
    case "ingested":
      return `  ✓ ${name}: ${r.new} new, ${r.updated} updated, ${r.unchanged} unchanged${moved}`;
    case "not_modified":
      return `  ✓ ${name}: not modified since the last run${moved}`;
    case "failed":
      return `  ✗ ${name}: ${r.error} (next attempt after ${r.nextAttemptAt})`;
    case "backing_off":
      return `  … ${name}: skipped, backing off until ${r.nextAttemptAt} after: ${r.error}`;
    case "gone":
    case "disabled":
      return `  ✗ ${name}: disabled — ${r.error}`;
  }
}
