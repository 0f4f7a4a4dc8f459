/**
 * Every reader as CSV, streamed: the list is read a page of 500 at a time per state (GSI2), and
 * each page becomes CSV lines before the next is read, so memory holds one page, never the list.
 * One row per reader: address, state, source and dates; no token, id or secret.
 */
import type { Context } from "../context.ts";
import { LISTED_STATES, listSubscribers } from "../store/subscriber-list.ts";
import { recordAction } from "./audit.ts";
import { csvLines } from "./csv.ts";
import { readerView } from "./readers.ts";

export const EXPORT_COLUMNS = [
  "email",
  "state",
  "source",
  "created_at",
  "confirmed_at",
  "unsubscribed_at",
  "suppressed_at",
];

/**
 * The CSV in chunks: the header, then a chunk per page of readers. The action is recorded first.
 *
 * @example for await (const chunk of exportSubscribers(ctx, editor, new Date())) stream.write(chunk)
 */
export async function* exportSubscribers(ctx: Context, by: string, now: Date): AsyncGenerator<string> {
  await recordAction(ctx, { by, action: "export", detail: "every reader as CSV" }, now);
  yield csvLines([EXPORT_COLUMNS]);
  for (const state of LISTED_STATES) {
    let after: string | undefined;
    do {
      const page = await listSubscribers(ctx.db, { state, after, limit: 500, now });
      const rows = page.subscribers
        .map(readerView)
        .map((r) => [
          r.email,
          r.state,
          r.source,
          r.createdAt,
          r.confirmedAt ?? "",
          r.unsubscribedAt ?? "",
          r.suppressedAt ?? "",
        ]);
      if (rows.length) yield csvLines(rows);
      after = page.next;
    } while (after);
  }
}
