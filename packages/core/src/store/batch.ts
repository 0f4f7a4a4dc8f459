/**
 * Requests over many rows: BatchWriteItem (puts, deletes) and BatchGetItem in DynamoDB's chunk sizes (25 and
 * 100), retrying what the service hands back unprocessed (it does under throttling) with
 * exponential backoff (async/until-taken.ts); and a Query or Scan read to its last page.
 */
import {
  BatchGetCommand,
  BatchWriteCommand,
  QueryCommand,
  ScanCommand,
  type QueryCommandInput,
  type ScanCommandInput,
} from "@aws-sdk/lib-dynamodb";
import { untilTaken } from "../async/until-taken.ts";
import type { Db } from "./db.ts";

type Row = Record<string, unknown>;

const unprocessed = { attempts: 8, baseMs: 100, capMs: 2000 };

function chunks<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** Puts every row; throws if some are still unprocessed after all retries. */
export async function batchPut(db: Db, rows: Row[]): Promise<void> {
  for (const chunk of chunks(rows, 25)) {
    const requests = chunk.map((Item) => ({ PutRequest: { Item } }));
    await untilTaken(
      requests,
      "DynamoDB writes",
      async (pending) => {
        const { UnprocessedItems } = await db.client.send(
          new BatchWriteCommand({ RequestItems: { [db.table]: pending } }),
        );
        return (UnprocessedItems?.[db.table] ?? []) as typeof pending;
      },
      unprocessed,
    );
  }
}

/** Deletes every row with these keys (absent ones are no error); throws if some are still unprocessed. */
export async function batchDelete(db: Db, keys: Row[]): Promise<void> {
  for (const chunk of chunks(keys, 25)) {
    const requests = chunk.map((Key) => ({ DeleteRequest: { Key } }));
    await untilTaken(
      requests,
      "DynamoDB deletes",
      async (pending) => {
        const { UnprocessedItems } = await db.client.send(
          new BatchWriteCommand({ RequestItems: { [db.table]: pending } }),
        );
        return (UnprocessedItems?.[db.table] ?? []) as typeof pending;
      },
      unprocessed,
    );
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
    await untilTaken(
      chunk,
      "DynamoDB reads",
      async (pending) => {
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
        return (UnprocessedKeys?.[db.table]?.Keys ?? []) as Row[];
      },
      unprocessed,
    );
  }
  return out;
}

type Page = { Items?: Row[] | undefined; LastEvaluatedKey?: Row | undefined };

async function allPages(read: (start: Row | undefined) => Promise<Page>): Promise<Row[]> {
  const out: Row[] = [];
  let start: Row | undefined;
  do {
    const page = await read(start);
    out.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

/** Every row a query matches, page after page. */
export function queryAll(db: Db, input: Omit<QueryCommandInput, "TableName" | "ExclusiveStartKey">): Promise<Row[]> {
  return allPages((start) =>
    db.client.send(new QueryCommand({ ...input, TableName: db.table, ExclusiveStartKey: start })),
  );
}

/** Every row a scan of the whole table matches, page after page (local tooling, not a deployed job). */
export function scanAll(db: Db, input: Omit<ScanCommandInput, "TableName" | "ExclusiveStartKey">): Promise<Row[]> {
  return allPages((start) =>
    db.client.send(new ScanCommand({ ...input, TableName: db.table, ExclusiveStartKey: start })),
  );
}
