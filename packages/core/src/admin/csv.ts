/**
 * CSV in and out of the desk, with csv-parse and csv-stringify. A cell that a spreadsheet would
 * run as a formula (starting with = + - @, a tab or a carriage return: OWASP's "CSV injection")
 * is written with a leading apostrophe, and an imported address loses that apostrophe again, so
 * an export imports back unchanged.
 */
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";

export interface CsvRecord {
  /** 1-based line of the source (the header is line 1). */
  line: number;
  cells: string[];
}

export interface ParsedCsv {
  records: CsvRecord[];
  /** Records the parser could not read (an unclosed quote…), with the line it was on. */
  broken: { line: number; reason: string }[];
}

/** Every record, header first; a UTF-8 BOM is dropped and empty lines skipped. */
export function parseCsv(text: string): ParsedCsv {
  const broken: ParsedCsv["broken"] = [];
  const rows = parse(text, {
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
    relax_quotes: true,
    record_delimiter: ["\r\n", "\n", "\r"],
    info: true,
    skip_records_with_error: true,
    on_skip: (error) => {
      if (error) broken.push({ line: Number(error.lines), reason: `unreadable CSV: ${error.message}` });
    },
  }) as unknown as { record: string[]; info: { lines: number } }[];
  // The parser counts the line a record ends on; a quoted field may span lines.
  const spanned = (cells: string[]) => cells.reduce((n, c) => n + (c.match(/\r\n|\n|\r/g)?.length ?? 0), 0);
  return { records: rows.map(({ record, info }) => ({ line: info.lines - spanned(record), cells: record })), broken };
}

const formula = /^[=+\-@\t\r]/;

/** A cell a spreadsheet shows as text, never runs. */
export const safeCell = (value: string): string => (formula.test(value) ? `'${value}` : value);

/** An imported cell as it was before `safeCell`. */
export const unsafeCell = (value: string): string =>
  value.startsWith("'") && formula.test(value.slice(1)) ? value.slice(1) : value;

/** CSV lines for rows of cells (each ends with CRLF, as RFC 4180 has it). */
export const csvLines = (rows: string[][]): string =>
  stringify(
    rows.map((r) => r.map(safeCell)),
    { record_delimiter: "windows" },
  );
