import type { TransferSummary } from "@tidings/core/transfer/newsletter";

/** "1,234 rows (subscriber 1,000, item 200, …)". */
export function describeRows(s: TransferSummary): string {
  const parts = Object.entries(s.byType)
    .sort(([, a], [, b]) => b - a)
    .map(([type, n]) => `${type} ${n.toLocaleString("en")}`);
  return `${s.rows.toLocaleString("en")} rows${parts.length ? ` (${parts.join(", ")})` : ""}`;
}
