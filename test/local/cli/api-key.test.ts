/** `npm run api-key -- create NAME`, run as a user runs it: the key alone on the last line, stored only as a hash. */
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { ScanCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { verifyApiKey } from "@tidings/core/admin/api-keys";
import { readConfig } from "@tidings/core/config";
import { createContext } from "@tidings/core/context";
import { releaseLock } from "@tidings/local/lock";
import { startEmbedded } from "@tidings/local/stack";
import { repoRoot } from "../../support/processes.ts";

const run = promisify(execFile);
const dataDir = mkdtempSync(join(tmpdir(), "tidings-api-key-"));
const apiKey = (...args: string[]) =>
  run(process.execPath, ["--import", "tsx", "packages/local/src/cli/api-key.ts", ...args], {
    cwd: repoRoot,
    env: { ...process.env, TIDINGS_DATA_DIR: dataDir, TABLE_NAME: "tidings" },
  });

describe("npm run api-key", () => {
  it("creates a key, prints it alone as the last line, lists it, and the table holds only its hash", async () => {
    const { stdout } = await apiKey("create", "website", "sync");
    const key = stdout.trim().split("\n").at(-1)!;
    expect(key).toMatch(/^tidings_[0-9a-f]{16}_[\w-]{43}$/);
    const listed = (await apiKey("list")).stdout;
    expect(listed).toContain("website sync");
    expect(listed).toContain("last used never");

    const cfg = readConfig({ TIDINGS_DATA_DIR: dataDir, TABLE_NAME: "tidings" });
    const { services, config } = await startEmbedded("test", cfg);
    try {
      const ctx = createContext(config);
      expect(await verifyApiKey(ctx, key, new Date())).toMatchObject({ name: "website sync", createdBy: "cli" });
      const rows = (await ctx.db.client.send(new ScanCommand({ TableName: "tidings" }))).Items ?? [];
      expect(JSON.stringify(rows)).not.toContain(key.slice("tidings_0123456789abcdef_".length));
    } finally {
      await services.close();
      releaseLock(dataDir);
    }
    await expect(apiKey("create")).rejects.toMatchObject({ code: 2 });
  }, 60_000);
});
