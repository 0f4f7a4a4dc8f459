/**
 * Moving a newsletter: export, import into a fresh table, export again: nothing lost, nothing
 * changed, and the app on the new table serves the same pages and knows the same readers.
 * Also through the commands, with `--aws` as under `sst shell` (links to a table), and never
 * by accident.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isTidingsError } from "@tidings/core/error";
import { ensureTable } from "@tidings/core/store/db";
import { EmailAddress } from "@tidings/core/subscription/address";
import { migrateIdKey } from "@tidings/core/subscription/id-key";
import { subscriberId } from "@tidings/core/subscription/subscriber";
import { exportNewsletter, importNewsletter } from "@tidings/core/transfer/newsletter";
import { loadToday, processWith, tableLines, todayFixture } from "../support/today-table.ts";
import { testApp } from "../support/testbed.ts";
import { runTs } from "../support/processes.ts";
import { startTestServices, type TestServices } from "../support/services.ts";

const { secret, tokens } = todayFixture;
let from: TestServices;
let to: TestServices;

async function exported(s: TestServices): Promise<string[]> {
  const lines: string[] = [];
  await exportNewsletter(s.ctx.db, (line) => void lines.push(line));
  return lines;
}

async function* each(lines: string[]) {
  yield* lines;
}

beforeAll(async () => {
  from = await startTestServices({ TOKEN_SECRET: secret });
  to = await startTestServices({ TOKEN_SECRET: secret });
  await loadToday(from.ctx.db);
  await migrateIdKey(from.ctx); // the installation's id key travels with the rest
}, 60_000);
afterAll(() => Promise.all([from.close(), to.close()]));

describe("export and import", () => {
  it("lose nothing: export, import into a fresh table, export again gives the same lines", async () => {
    const first = await exported(from);
    expect(first.some((l) => l.includes('"B":'))).toBe(true); // the digest's gzipped body, as base64
    const summary = await importNewsletter(to.ctx.db, each(first));
    expect(summary.rows).toBe(first.length);
    expect(summary.byType).toMatchObject({ subscriber: 7, digest: 1, send: 3, "installation-key": 1 });
    const second = await exported(to);
    expect([...second].sort()).toEqual([...first].sort());
    expect(await tableLines(to.ctx.db)).toEqual(await tableLines(from.ctx.db));
  });

  it("serve the same pages, and the same readers with working links, from the new table", async () => {
    const before = testApp(from);
    const after = testApp({ ...to, ctx: processWith(to, { TOKEN_SECRET: secret }) });
    for (const path of ["/", "/digests", "/digests/2026-W20", "/digests/2026-W20.json", "/digests/2026-W20/email"]) {
      const [a, b] = await Promise.all([before.app.request(path), after.app.request(path)]);
      expect(b.status, path).toBe(200);
      expect(await b.text(), path).toBe(await a.text());
    }
    const ctx = processWith(to, { TOKEN_SECRET: secret });
    for (const t of tokens) expect(await subscriberId(ctx, EmailAddress.parse(t.email))).toBe(t.id);
    const active = tokens.find((t) => t.state === "active")!;
    expect((await after.app.request(`/unsubscribe?token=${active.unsubscribe}`)).status).toBe(200);
  });

  it("refuse a table that holds anything, and change nothing there", async () => {
    const before = await tableLines(to.ctx.db);
    const refused = await importNewsletter(to.ctx.db, each(await exported(from))).catch((e: unknown) => e);
    expect(isTidingsError(refused) && refused.code).toBe("transfer.table_not_empty");
    expect(await tableLines(to.ctx.db)).toEqual(before);
  });
});

describe("npm run export / import", () => {
  it("move a table through a file with --aws (links as `sst shell` sets them), and only with it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tidings-transfer-"));
    const linked = (table: string) => ({
      SST_RESOURCE_App: JSON.stringify({ name: "tidings", stage: "check" }),
      SST_RESOURCE_Table: JSON.stringify({ type: "sst.aws.Dynamo", name: table }),
      // Only for this check: the stage's DynamoDB is the test's (config.ts honours it as on Lambda).
      DYNAMODB_ENDPOINT: from.dynamodbEndpoint,
      TIDINGS_DATA_DIR: dir,
    });
    const file = join(dir, "newsletter.jsonl");
    const out = runTs("packages/local/src/cli/export.ts", [file, "--aws"], linked(from.ctx.config.tableName));
    expect(await out.exited, out.output()).toBe(0);
    expect(out.output()).toMatch(/Exported \d+ rows \(item 50, .*subscriber 7/);
    expect(readFileSync(file, "utf8").trim().split("\n").sort()).toEqual(await tableLines(from.ctx.db));

    await ensureTable({ ...from.ctx.db, table: "moved" });
    const into = runTs("packages/local/src/cli/import.ts", [file, "--aws"], linked("moved"));
    expect(await into.exited, into.output()).toBe(0);
    expect(await tableLines({ ...from.ctx.db, table: "moved" })).toEqual(await tableLines(from.ctx.db));
    const again = runTs("packages/local/src/cli/import.ts", [file, "--aws"], linked("moved"));
    expect(await again.exited).toBe(1);
    expect(again.output()).toContain("already holds data: import only into a new, empty table");

    // The same links without --aws: the local stack (embedded, empty), never the linked table.
    const local = runTs("packages/local/src/cli/export.ts", [join(dir, "local.jsonl")], linked("moved"));
    expect(await local.exited, local.output()).toBe(0);
    expect(local.output()).toContain("started embedded DynamoDB");
    expect(local.output()).toContain("Exported 0 rows");
  }, 90_000);
});
