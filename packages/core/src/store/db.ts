/** The DynamoDB adapter's entry point: a document client bound to one table. */
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
} from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { tableDefinition } from "./table.ts";

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

/** Creates the table from `tableDefinition` unless it exists (local stack and tests only). */
export async function ensureTable({ client, table }: Db): Promise<"created" | "exists"> {
  try {
    await client.send(new DescribeTableCommand({ TableName: table }));
    return "exists";
  } catch (e) {
    if (!(e instanceof ResourceNotFoundException)) throw e;
  }
  const { fields, primaryIndex, globalIndexes } = tableDefinition;
  const keys = (hash: string, range: string) => [
    { AttributeName: hash, KeyType: "HASH" as const },
    { AttributeName: range, KeyType: "RANGE" as const },
  ];
  await client.send(
    new CreateTableCommand({
      TableName: table,
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: Object.keys(fields).map((name) => ({ AttributeName: name, AttributeType: "S" })),
      KeySchema: keys(primaryIndex.hashKey, primaryIndex.rangeKey),
      GlobalSecondaryIndexes: Object.entries(globalIndexes).map(([name, index]) => ({
        IndexName: name,
        KeySchema: keys(index.hashKey, index.rangeKey),
        Projection: { ProjectionType: "ALL" },
      })),
    }),
  );
  // dynalite creates tables asynchronously, like DynamoDB: wait until ACTIVE.
  for (let i = 0; i < 100; i++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: table }));
    if (Table?.TableStatus === "ACTIVE" && Table.GlobalSecondaryIndexes?.every((g) => g.IndexStatus === "ACTIVE"))
      return "created";
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`table ${table} did not become ACTIVE`);
}
