/**
 * Every row of the table, generically, as JSON lines: DynamoDB JSON (`{"Item": {...}}`, the
 * format of DynamoDB's own export to S3), attribute names sorted and binary as base64, so the
 * same rows always give the same text. Nothing here knows an entity: a row type added later
 * travels without a change.
 */
import { BatchWriteItemCommand, ScanCommand, type AttributeValue, type WriteRequest } from "@aws-sdk/client-dynamodb";
import { untilTaken } from "../async/until-taken.ts";
import type { Db } from "./db.ts";

export type RawRow = Record<string, AttributeValue>;

function toJson(value: AttributeValue): unknown {
  if (value.B !== undefined) return { B: Buffer.from(value.B).toString("base64") };
  if (value.BS !== undefined) return { BS: value.BS.map((b) => Buffer.from(b).toString("base64")) };
  if (value.M !== undefined) return { M: sortedJson(value.M) };
  if (value.L !== undefined) return { L: value.L.map(toJson) };
  return value;
}

function sortedJson(row: RawRow): Record<string, unknown> {
  return Object.fromEntries(
    Object.keys(row)
      .sort()
      .map((name) => [name, toJson(row[name]!)]),
  );
}

function fromJson(value: Record<string, unknown>): AttributeValue {
  if (typeof value.B === "string") return { B: Buffer.from(value.B, "base64") };
  if (Array.isArray(value.BS)) return { BS: (value.BS as string[]).map((b) => Buffer.from(b, "base64")) };
  if (value.M && typeof value.M === "object") return { M: rowFromJson(value.M as Record<string, unknown>) };
  if (Array.isArray(value.L)) return { L: (value.L as Record<string, unknown>[]).map(fromJson) };
  return value as unknown as AttributeValue;
}

function rowFromJson(json: Record<string, unknown>): RawRow {
  return Object.fromEntries(Object.entries(json).map(([k, v]) => [k, fromJson(v as Record<string, unknown>)]));
}

/** One row as one line (no newline). */
export const encodeRow = (row: RawRow): string => JSON.stringify({ Item: sortedJson(row) });

/** A line written by `encodeRow` (or DynamoDB's export), back into a row. */
export function decodeRow(line: string): RawRow {
  const parsed = JSON.parse(line) as { Item?: unknown };
  if (!parsed.Item || typeof parsed.Item !== "object") throw new Error('not a row: expected {"Item": {...}}');
  return rowFromJson(parsed.Item as Record<string, unknown>);
}

/** Every row of the table, a page at a time (a Scan: for export, never for serving). */
export async function* scanRows(db: Db): AsyncGenerator<RawRow[]> {
  let start: RawRow | undefined;
  do {
    const page = await db.client.send(
      new ScanCommand({ TableName: db.table, ExclusiveStartKey: start, ConsistentRead: true }),
    );
    if (page.Items?.length) yield page.Items;
    start = page.LastEvaluatedKey;
  } while (start);
}

/** True when the table holds no row at all. */
export async function isEmpty(db: Db): Promise<boolean> {
  const page = await db.client.send(new ScanCommand({ TableName: db.table, Limit: 1, ProjectionExpression: "PK" }));
  return (page.Items?.length ?? 0) === 0 && !page.LastEvaluatedKey;
}

/** Writes rows as they are (BatchWriteItem, 25 at a time, what DynamoDB hands back sent again). */
export async function writeRows(db: Db, rows: RawRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 25) {
    const requests: WriteRequest[] = rows.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    await untilTaken(
      requests,
      "DynamoDB writes",
      async (pending) => {
        const { UnprocessedItems } = await db.client.send(
          new BatchWriteItemCommand({ RequestItems: { [db.table]: pending } }),
        );
        return UnprocessedItems?.[db.table] ?? [];
      },
      { attempts: 8, baseMs: 100, capMs: 2000 },
    );
  }
}
