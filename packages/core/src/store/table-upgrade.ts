/**
 * An existing local table that lacks an index the definition has (GSI2, added for the desk) gets
 * it. DynamoDB adds a global index to a live table with UpdateTable, and that is tried first;
 * dynalite refuses the request (it wants provisioned throughput) or ignores it, so the table is
 * then rebuilt: every row copied to a
 * side table, the table created anew from the definition, the rows copied back. A crash at any
 * step is resumed by the next start (the side table is only deleted once the copy back is done).
 * Local stack only: on AWS, SST adds the index when the definition changes.
 */
import {
  DeleteTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
  UpdateTableCommand,
  type TableDescription,
} from "@aws-sdk/client-dynamodb";
import { ScanCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { batchPut } from "./batch.ts";
import { createTable, indexDefinition, missingIndexes, waitActive, type Db } from "./db.ts";
import { tableDefinition } from "./table.ts";

/** Where the rows wait while the table is rebuilt. */
export const sideTable = (table: string) => `${table}.upgrade`;

async function describe(client: DynamoDBDocumentClient, name: string): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: name }))).Table;
  } catch (e) {
    if (e instanceof ResourceNotFoundException) return undefined;
    throw e;
  }
}

/** Copies every row of one table into another, page by page (puts are idempotent). */
async function copyRows(client: DynamoDBDocumentClient, from: string, to: string): Promise<number> {
  let copied = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: from, ExclusiveStartKey: start, Limit: 500 }));
    await batchPut({ client, table: to }, page.Items ?? []);
    copied += page.Items?.length ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return copied;
}

async function dropTable(client: DynamoDBDocumentClient, name: string): Promise<void> {
  await client.send(new DeleteTableCommand({ TableName: name }));
  for (let i = 0; i < 200 && (await describe(client, name)); i++) await new Promise((r) => setTimeout(r, 50));
}

/** Finishes a rebuild a crash interrupted, if one did: true when the table was restored from its side table. */
export async function resumeRebuild({ client, table }: Db): Promise<boolean> {
  if (!(await describe(client, sideTable(table)))) return false;
  const current = await describe(client, table);
  if (current && missingIndexes(current).length > 0) {
    // Interrupted while saving the rows: save them again, then go on.
    await copyRows(client, table, sideTable(table));
    await dropTable(client, table);
  }
  if (!(await describe(client, table))) await createTable(client, table);
  await copyRows(client, sideTable(table), table);
  await dropTable(client, sideTable(table));
  return true;
}

/** Adds the missing global indexes to an existing table: UpdateTable, else a rebuild. */
export async function addIndexes(db: Db, missing: string[]): Promise<void> {
  const { client, table } = db;
  try {
    for (const name of missing) {
      const index = indexDefinition(name as keyof typeof tableDefinition.globalIndexes);
      await client.send(
        new UpdateTableCommand({
          TableName: table,
          AttributeDefinitions: index.KeySchema.map((k) => ({ AttributeName: k.AttributeName, AttributeType: "S" })),
          GlobalSecondaryIndexUpdates: [{ Create: index }],
        }),
      );
    }
    if (missingIndexes(await waitActive(client, table)).length === 0) return;
  } catch (e) {
    if ((e as { name?: string }).name !== "ValidationException") throw e;
  }
  await createTable(client, sideTable(table));
  await resumeRebuild(db);
}
