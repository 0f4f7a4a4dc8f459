/**
 * The whole newsletter out of its table and back into another: readers and their states, feeds,
 * items, digests and their send records and figures, the installation's keys, everything, row by
 * row, as JSON lines (store/rows-json.ts). Nothing here names an entity, so rows added by later
 * features travel too. An import goes only into an empty table: merging two newsletters would
 * mix two id keys and two send ledgers.
 */
import { TidingsError } from "../error.ts";
import type { Db } from "../store/db.ts";
import { decodeRow, encodeRow, isEmpty, scanRows, writeRows, type RawRow } from "../store/rows-json.ts";

export interface TransferSummary {
  rows: number;
  /** Rows per entity (`type`), e.g. { subscriber: 1200, item: 5000 }. */
  byType: Record<string, number>;
}

function tally(summary: TransferSummary, row: RawRow) {
  summary.rows++;
  const type = row.type?.S ?? "untyped";
  summary.byType[type] = (summary.byType[type] ?? 0) + 1;
}

/** Writes every row, one line each (`write` gets each line without its newline). */
export async function exportNewsletter(
  db: Db,
  write: (line: string) => void | Promise<void>,
): Promise<TransferSummary> {
  const summary: TransferSummary = { rows: 0, byType: {} };
  for await (const page of scanRows(db)) {
    for (const row of page) {
      await write(encodeRow(row));
      tally(summary, row);
    }
  }
  return summary;
}

/**
 * Restores an export into an empty table, rows as they were. Refuses a table that holds any row
 * (`transfer.table_not_empty`) and a line that is not a row (`transfer.bad_line`, with its
 * number), before writing anything of the batch it is in.
 */
export async function importNewsletter(db: Db, lines: AsyncIterable<string>): Promise<TransferSummary> {
  if (!(await isEmpty(db))) {
    throw new TidingsError(
      "invalid",
      "transfer.table_not_empty",
      `the table ${db.table} already holds data: import only into a new, empty table`,
    );
  }
  const summary: TransferSummary = { rows: 0, byType: {} };
  let batch: RawRow[] = [];
  let n = 0;
  for await (const line of lines) {
    n++;
    if (!line.trim()) continue;
    let row: RawRow;
    try {
      row = decodeRow(line);
      if (!row.PK?.S || !row.SK?.S) throw new Error("a row needs PK and SK");
    } catch (e) {
      throw new TidingsError(
        "invalid",
        "transfer.bad_line",
        `line ${n} is not a row of an export: ${(e as Error).message}`,
      );
    }
    batch.push(row);
    tally(summary, row);
    if (batch.length === 500) {
      await writeRows(db, batch);
      batch = [];
    }
  }
  await writeRows(db, batch);
  return summary;
}
