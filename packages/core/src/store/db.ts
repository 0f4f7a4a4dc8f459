/** The DynamoDB adapter's entry point: a document client bound to one table. */
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
  type TableDescription,
} from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { tableDefinition } from "./table.ts";
import { addIndexes, resumeRebuild } from "./table-upgrade.ts";

export interface Db {
  client: DynamoDBDocumentClient;
  table: string;
}

export interface DbOptions {
  table: string;
  region: string;
  /** A local endpoint (dynalite); omit on AWS. */
  endpoint?: string | undefined;
}

/** A Db for the given table and endpoint (tests and the local stack pass their own). */
export function createDb({ table, region, endpoint }: DbOptions): Db {
  const base = new DynamoDBClient({
    region,
    // The SDK retries throttling, 5xx and lost connections itself, with backoff and jitter:
    // nothing wraps another retry around a call (only batch leftovers: async/until-taken.ts).
    maxAttempts: 5,
    ...(endpoint ? { endpoint, credentials: { accessKeyId: "local", secretAccessKey: "local" } } : {}),
  });
  const client = DynamoDBDocumentClient.from(base, {
    marshallOptions: { removeUndefinedValues: true },
  });
  return { client, table };
}

/**
 * Creates the table from `tableDefinition` unless it exists; an existing table that lacks an index
 * the definition has gets it (table-upgrade.ts). Local stack and tests only: on AWS, SST does this.
 */
export async function ensureTable(db: Db): Promise<"created" | "exists" | "upgraded"> {
  let existing: TableDescription | undefined;
  try {
    existing = (await db.client.send(new DescribeTableCommand({ TableName: db.table }))).Table;
  } catch (e) {
    if (!(e instanceof ResourceNotFoundException)) throw e;
  }
  if (!existing) {
    // A rebuild interrupted after the table was dropped: its rows wait in the side table.
    if (await resumeRebuild(db)) return "upgraded";
    await createTable(db.client, db.table);
    return "created";
  }
  const missing = missingIndexes(existing);
  if (missing.length === 0) return "exists";
  await addIndexes(db, missing);
  return "upgraded";
}

/** The definition's global indexes an existing table lacks. */
export function missingIndexes(table: TableDescription): string[] {
  const present = new Set((table.GlobalSecondaryIndexes ?? []).map((g) => g.IndexName));
  return Object.keys(tableDefinition.globalIndexes).filter((name) => !present.has(name));
}

const keySchema = (hash: string, range: string) => [
  { AttributeName: hash, KeyType: "HASH" as const },
  { AttributeName: range, KeyType: "RANGE" as const },
];

/** One global index of the definition, as CreateTable and UpdateTable take it. */
export function indexDefinition(name: keyof typeof tableDefinition.globalIndexes) {
  const index = tableDefinition.globalIndexes[name];
  return {
    IndexName: name,
    KeySchema: keySchema(index.hashKey, index.rangeKey),
    Projection: { ProjectionType: "ALL" as const },
  };
}

/** Creates a table named `name` from the definition and waits until it and its indexes are ACTIVE. */
export async function createTable(client: DynamoDBDocumentClient, name: string): Promise<void> {
  const { fields, primaryIndex, globalIndexes } = tableDefinition;
  await client.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: Object.keys(fields).map((f) => ({ AttributeName: f, AttributeType: "S" })),
      KeySchema: keySchema(primaryIndex.hashKey, primaryIndex.rangeKey),
      GlobalSecondaryIndexes: (Object.keys(globalIndexes) as (keyof typeof globalIndexes)[]).map(indexDefinition),
    }),
  );
  await waitActive(client, name);
}

/** Waits until a table and every index it has are ACTIVE (dynalite, like DynamoDB, works asynchronously). */
export async function waitActive(client: DynamoDBDocumentClient, name: string): Promise<TableDescription> {
  for (let i = 0; i < 200; i++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: name }));
    if (
      Table?.TableStatus === "ACTIVE" &&
      (Table.GlobalSecondaryIndexes ?? []).every((g) => g.IndexStatus === "ACTIVE")
    )
      return Table;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`table ${name} did not become ACTIVE`);
}
