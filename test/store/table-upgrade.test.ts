/**
 * An installation from before the desk: its local table has no GSI2 and its subscribers were never
 * listed or counted. The local stack adds the index (rebuilding the table where dynalite ignores
 * UpdateTable), keeps every row, and the once-per-installation backfill lists and counts them.
 */
import { CreateTableCommand, DescribeTableCommand } from "@aws-sdk/client-dynamodb";
import { PutCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, ensureTable, type Db } from "@tidings/core/store/db";
import { readerCountsByWeek } from "@tidings/core/store/reader-counts";
import { backfillSubscriberList } from "@tidings/core/store/subscriber-backfill";
import { listSubscribers } from "@tidings/core/store/subscriber-list";
import { sideTable } from "@tidings/core/store/table-upgrade";
import { startServices, type Services } from "@tidings/local/services";

let services: Services;
beforeAll(async () => void (services = await startServices()));
afterAll(() => services.close());

const at = "2026-03-02T10:00:00.000Z";
const oldRows = [
  {
    PK: "SUB#sub_AAAAAAAAAAAAAAAAAAAAAA",
    SK: "SUB",
    id: "sub_AAAAAAAAAAAAAAAAAAAAAA",
    email: "Ann@example.com",
    state: "active",
    createdAt: at,
    updatedAt: at,
    confirmation: { at },
    GSI1PK: "ACTIVE#0",
    GSI1SK: "sub_AAAAAAAAAAAAAAAAAAAAAA",
  },
  {
    PK: "SUB#sub_BBBBBBBBBBBBBBBBBBBBBB",
    SK: "SUB",
    id: "sub_BBBBBBBBBBBBBBBBBBBBBB",
    email: "bob@example.com",
    state: "unsubscribed",
    createdAt: at,
    updatedAt: at,
    unsubscribedAt: at,
  },
  {
    PK: "FEED#f1",
    SK: "STATE",
    feedKey: "f1",
    source: "https://x.example/",
    url: "https://x.example/",
    failures: 0,
    GSI1PK: "FEEDS",
    GSI1SK: "f1",
  },
  { PK: "DIGEST#2026-W10", SK: "DIGEST", week: "2026-W10", body: new Uint8Array([31, 139, 8, 0]) },
];

/** A table as the code before the desk created it: GSI1 only. */
async function oldTable(name: string): Promise<Db> {
  const db = createDb({ table: name, region: "us-east-1", endpoint: services.dynamodbEndpoint });
  const key = (h: string, r: string) => [
    { AttributeName: h, KeyType: "HASH" as const },
    { AttributeName: r, KeyType: "RANGE" as const },
  ];
  await db.client.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: "PAY_PER_REQUEST",
      AttributeDefinitions: ["PK", "SK", "GSI1PK", "GSI1SK"].map((a) => ({ AttributeName: a, AttributeType: "S" })),
      KeySchema: key("PK", "SK"),
      GlobalSecondaryIndexes: [
        { IndexName: "GSI1", KeySchema: key("GSI1PK", "GSI1SK"), Projection: { ProjectionType: "ALL" } },
      ],
    }),
  );
  for (const Item of oldRows) await db.client.send(new PutCommand({ TableName: name, Item }));
  return db;
}

const indexes = async (db: Db) =>
  ((await db.client.send(new DescribeTableCommand({ TableName: db.table }))).Table?.GlobalSecondaryIndexes ?? [])
    .map((g) => g.IndexName)
    .sort();
const rows = async (db: Db) =>
  ((await db.client.send(new ScanCommand({ TableName: db.table }))).Items ?? []).sort((a, b) =>
    String(a.PK).localeCompare(String(b.PK)),
  );

describe("a table from before the desk", () => {
  it("gains GSI2 with every row kept, and the backfill lists and counts its subscribers once", async () => {
    const db = await oldTable("old-install");
    const before = await rows(db);
    expect(await ensureTable(db)).toBe("upgraded");
    expect(await indexes(db)).toEqual(["GSI1", "GSI2"]);
    expect(await rows(db)).toEqual(before);
    expect(await ensureTable(db)).toBe("exists");

    const now = new Date("2026-05-25T09:00:00Z");
    expect(await backfillSubscriberList(db, now)).toBe(2);
    expect(await backfillSubscriberList(db, now)).toBe(0);
    const listed = await listSubscribers(db, { now });
    expect(listed.subscribers.map((s) => [s.email, s.state])).toEqual([
      ["Ann@example.com", "active"],
      ["bob@example.com", "unsubscribed"],
    ]);
    expect((await readerCountsByWeek(db)).at(-1)).toMatchObject({
      week: "2026-W10",
      total: { active: 1, unsubscribed: 1 },
    });
  });

  it("a rebuild interrupted after the table was dropped is finished by the next start", async () => {
    const db = await oldTable("crashed-install");
    const before = await rows(db);
    // As if the rebuild stopped after saving the rows and dropping the table.
    const side = createDb({
      table: sideTable("crashed-install"),
      region: "us-east-1",
      endpoint: services.dynamodbEndpoint,
    });
    await ensureTable(side);
    for (const Item of before) await side.client.send(new PutCommand({ TableName: side.table, Item }));
    const { DeleteTableCommand } = await import("@aws-sdk/client-dynamodb");
    await db.client.send(new DeleteTableCommand({ TableName: db.table }));

    expect(await ensureTable(db)).toBe("upgraded");
    expect(await rows(db)).toEqual(before);
    expect(await indexes(db)).toEqual(["GSI1", "GSI2"]);
    await expect(side.client.send(new DescribeTableCommand({ TableName: side.table }))).rejects.toThrow();
  });
});
