import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { createDb } from "@tidings/core/store/db";
import { freePort, runTs } from "../../support/processes.ts";

const entry = "packages/local/src/cli/start.ts";

async function environment() {
  const [app, dynamodb, ses] = await Promise.all([freePort(), freePort(), freePort()]);
  return {
    PORT: String(app),
    DYNAMODB_ENDPOINT: `http://127.0.0.1:${dynamodb}`,
    SES_ENDPOINT: `http://127.0.0.1:${ses}`,
    TIDINGS_DATA_DIR: mkdtempSync(join(tmpdir(), "tidings-start-")),
    TABLE_NAME: "tidings",
  };
}

describe("npm start", () => {
  it("serves the app and the mailbox, stops cleanly on Ctrl-C, and keeps its data", async () => {
    const env = await environment();
    const first = runTs(entry, [], env);
    try {
      await first.waitFor("Press Ctrl-C to stop.", 60_000);
      expect(first.output()).toContain(`App       http://localhost:${env.PORT}/`);
      expect(first.output()).toContain(`Mailbox   ${env.SES_ENDPOINT}/`);

      const health = await fetch(`http://localhost:${env.PORT}/health`);
      expect(health.status).toBe(200);
      const mailbox = await fetch(`${env.SES_ENDPOINT}/`);
      expect(mailbox.status).toBe(200);
      expect(await mailbox.text()).toContain("<html");

      const db = createDb({ table: "tidings", region: "us-east-1", endpoint: env.DYNAMODB_ENDPOINT });
      await db.client.send(new PutCommand({ TableName: "tidings", Item: { PK: "TEST#1", SK: "TEST", note: "kept" } }));
    } finally {
      expect(await first.stop("SIGINT")).toBe(0);
    }
    expect(existsSync(join(env.TIDINGS_DATA_DIR, "stack.lock"))).toBe(false);
    await expect(fetch(`http://localhost:${env.PORT}/health`)).rejects.toThrow();

    const second = runTs(entry, [], env);
    try {
      await second.waitFor("Press Ctrl-C to stop.", 60_000);
      const db = createDb({ table: "tidings", region: "us-east-1", endpoint: env.DYNAMODB_ENDPOINT });
      const { Item } = await db.client.send(
        new GetCommand({ TableName: "tidings", Key: { PK: "TEST#1", SK: "TEST" } }),
      );
      expect(Item?.note).toBe("kept");
    } finally {
      expect(await second.stop("SIGTERM")).toBe(0);
    }
  }, 120_000);

  it("refuses to start twice on one data directory, saying why", async () => {
    const env = await environment();
    const first = runTs(entry, [], env);
    try {
      await first.waitFor("Press Ctrl-C to stop.", 60_000);
      const second = runTs(entry, [], { ...env, PORT: String(await freePort()) });
      expect(await second.exited).toBe(1);
      expect(second.output()).toContain(`is in use by \`npm start\` (pid ${first.child.pid})`);
    } finally {
      await first.stop();
    }
  }, 120_000);
});
