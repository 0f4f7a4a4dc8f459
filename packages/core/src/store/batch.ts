/**
 * Requests over many rows: BatchWriteItem and BatchGetItem in DynamoDB's chunk sizes (25 and
 * 100), retrying what the service hands back unprocessed (it does under throttling) with
 * exponential backoff; and a Query read to its last page.
 */
import { BatchGetCommand, BatchWriteCommand, QueryCommand, type QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import type { Db } from "./db.ts";

type Row = Record<string, unknown>;

const maxAttempts = 8;
const pause = (attempt: number) => new Promise((r) => setTimeout(r, Math.min(50 * 2 ** attempt, 2000)));

function chunks<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** Puts every row; throws if some are still unprocessed after all retries. */
export async function batchPut(db: Db, rows: Row[]): Promise<void> {
  for (const chunk of chunks(rows, 25)) {
    let requests = chunk.map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; requests.length; attempt++) {
      if (attempt === maxAttempts)
        throw new Error(`DynamoDB left ${requests.length} writes unprocessed after ${maxAttempts} attempts`);
      if (attempt) await pause(attempt);
      const { UnprocessedItems } = await db.client.send(
        new BatchWriteCommand({ RequestItems: { [db.table]: requests } }),
      );
      requests = (UnprocessedItems?.[db.table] ?? []) as typeof requests;
    }
  }
}

/**
 * Gets the rows with these keys (those that exist), projected to `attributes`; `consistent`
 * reads them strongly consistent (e.g. a subscriber's state just before mailing them).
 */
export async function batchGet(
  db: Db,
  keys: Row[],
  attributes: string[],
  { consistent = false }: { consistent?: boolean } = {},
): Promise<Row[]> {
  const names = Object.fromEntries(attributes.map((a, i) => [`#a${i}`, a]));
  const projection = Object.keys(names).join(", ");
  const out: Row[] = [];
  for (const chunk of chunks(keys, 100)) {
    let pending = chunk;
    for (let attempt = 0; pending.length; attempt++) {
      if (attempt === maxAttempts)
        throw new Error(`DynamoDB left ${pending.length} reads unprocessed after ${maxAttempts} attempts`);
      if (attempt) await pause(attempt);
      const { Responses, UnprocessedKeys } = await db.client.send(
        new BatchGetCommand({
          RequestItems: {
            [db.table]: {
              Keys: pending,
              ProjectionExpression: projection,
              ExpressionAttributeNames: names,
              ...(consistent ? { ConsistentRead: true } : {}),
            },
          },
        }),
      );
      out.push(...(Responses?.[db.table] ?? []));
      pending = (UnprocessedKeys?.[db.table]?.Keys ?? []) as Row[];
    }
  }
  return out;
}

/** Every row a query matches, page after page. */
export async function queryAll(
  db: Db,
  input: Omit<QueryCommandInput, "TableName" | "ExclusiveStartKey">,
): Promise<Row[]> {
  const out: Row[] = [];
  let start: Row | undefined;
  do {
    const page = await db.client.send(new QueryCommand({ ...input, TableName: db.table, ExclusiveStartKey: start }));
    out.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}
