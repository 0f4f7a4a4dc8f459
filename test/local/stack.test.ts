import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DescribeTableCommand } from "@aws-sdk/client-dynamodb";
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { readConfig } from "@tidings/core/config";
import { createDb, ensureTable } from "@tidings/core/store/db";
import { subscriberKeys } from "@tidings/core/store/keys";
import { tableDefinition } from "@tidings/core/store/table";
import { acquireLock, readLock, releaseLock } from "@tidings/local/lock";
import { startServices } from "@tidings/local/services";
import { startEmbedded } from "@tidings/local/stack";

const tempDir = () => mkdtempSync(join(tmpdir(), "tidings-stack-"));

describe("the local stack", () => {
  it("creates the table from the shared definition, once", async () => {
    const services = await startServices();
    try {
      const db = createDb({ table: "things", region: "us-east-1", endpoint: services.dynamodbEndpoint });
      expect(await ensureTable(db)).toBe("created");
      expect(await ensureTable(db)).toBe("exists");
      const { Table } = await db.client.send(new DescribeTableCommand({ TableName: "things" }));
      expect(Table?.KeySchema).toEqual([
        { AttributeName: tableDefinition.primaryIndex.hashKey, KeyType: "HASH" },
        { AttributeName: tableDefinition.primaryIndex.rangeKey, KeyType: "RANGE" },
      ]);
      expect(Table?.GlobalSecondaryIndexes?.map((g) => g.IndexName)).toEqual(
        Object.keys(tableDefinition.globalIndexes),
      );
    } finally {
      await services.close();
    }
  });

  it("keeps data across a restart of the embedded services", async () => {
    const cfg = readConfig({ TIDINGS_DATA_DIR: tempDir(), TABLE_NAME: "tidings" });
    const first = await startEmbedded("test", cfg);
    const db1 = createDb({ table: "tidings", region: "us-east-1", endpoint: first.config.dynamodbEndpoint });
    await db1.client.send(
      new PutCommand({ TableName: "tidings", Item: { ...subscriberKeys.key("sub_1"), email: "reader@example.com" } }),
    );
    await first.services.close();
    releaseLock(cfg.dataDir);

    const second = await startEmbedded("test", cfg);
    try {
      const db2 = createDb({ table: "tidings", region: "us-east-1", endpoint: second.config.dynamodbEndpoint });
      const { Item } = await db2.client.send(
        new GetCommand({ TableName: "tidings", Key: subscriberKeys.key("sub_1") }),
      );
      expect(Item?.email).toBe("reader@example.com");
    } finally {
      await second.services.close();
      releaseLock(cfg.dataDir);
    }
  });

  it("lets one process at a time own the data directory, and says who does", async () => {
    const cfg = readConfig({ TIDINGS_DATA_DIR: tempDir() });
    const first = await startEmbedded("ingest", cfg);
    try {
      await expect(startEmbedded("digest", cfg)).rejects.toThrow(
        `is in use by \`npm run ingest\` (pid ${process.pid})`,
      );
    } finally {
      await first.services.close();
      releaseLock(cfg.dataDir);
    }
    expect(readLock(cfg.dataDir)).toBeUndefined();
  });

  it("takes over a lock left by a process that is gone", () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, "stack.lock"),
      JSON.stringify({ pid: 2 ** 22 + 17, owner: "start", dynamodbEndpoint: "", sesEndpoint: "" }),
    );
    expect(readLock(dir)).toBeUndefined();
    expect(acquireLock(dir, { owner: "ingest", dynamodbEndpoint: "", sesEndpoint: "" })).toEqual({ held: true });
    expect(JSON.parse(readFileSync(join(dir, "stack.lock"), "utf8")).pid).toBe(process.pid);
  });
});
