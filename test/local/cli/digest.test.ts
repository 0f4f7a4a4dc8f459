/**
 * `npm run digest -- --send` as a user runs it: killed midway (SIGTERM, as Ctrl-C or a process
 * manager does), it finishes the emails in flight and says so; run again, it sends the rest,
 * and every reader has exactly one copy.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { sendTotals } from "@tidings/core/store/sends";
import { runTs } from "../../support/processes.ts";
import { startTestServices, type TestServices } from "../../support/services.ts";
import { addReaders, storeDigest, type Reader } from "../../support/sending.ts";

let services: TestServices;
let readers: Reader[];
let env: Record<string, string>;

beforeAll(async () => {
  services = await startTestServices();
  readers = await addReaders(services.ctx, 400, "cli");
  await storeDigest(services.ctx.db, "2026-W20");
  await storeDigest(services.ctx.db, "2026-W21");
  // The command finds "the running local stack" through its lock file: these test services.
  const dataDir = mkdtempSync(join(tmpdir(), "tidings-cli-"));
  const { dynamodbEndpoint, sesEndpoint } = services;
  writeFileSync(
    join(dataDir, "stack.lock"),
    JSON.stringify({ pid: process.pid, owner: "start", dynamodbEndpoint, sesEndpoint }),
  );
  env = {
    TIDINGS_DATA_DIR: dataDir,
    TABLE_NAME: services.ctx.config.tableName,
    TOKEN_SECRET: services.ctx.config.tokenSecret,
  };
}, 60_000);
afterAll(() => services.close());

const digestCli = "packages/local/src/cli/digest.ts";

it("stops cleanly when killed midway, and a second run completes the send exactly once", async () => {
  const first = runTs(digestCli, ["--week", "2026-W20", "--send"], env);
  for (;;) {
    if ((await sendTotals(services.ctx.db, "2026-W20")).sent >= 50) break;
    if (first.child.exitCode !== null) throw new Error(`finished before it could be stopped:\n${first.output()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  expect(await first.stop("SIGTERM")).toBe(1);
  expect(first.output()).toContain("Using the running local stack");
  expect(first.output()).toContain("Stopped:");
  expect(first.output()).toContain("run the same command again to finish");
  const partial = await sendTotals(services.ctx.db, "2026-W20");
  expect(partial.claimed).toBe(0); // nothing left half-done
  expect(partial.sent).toBeLessThan(400);

  const second = runTs(digestCli, ["--week", "2026-W20", "--send"], env);
  expect(await second.exited).toBe(0);
  expect(second.output()).toContain(`Done: ${400 - partial.sent} sent, ${partial.sent} skipped`);

  const copies = new Map<string, number>();
  for (const mail of await services.mailbox())
    copies.set(mail.destination.to[0]!, (copies.get(mail.destination.to[0]!) ?? 0) + 1);
  expect(readers.filter((r) => copies.get(r.email) !== 1)).toEqual([]);
  expect(copies.size).toBe(400);
}, 120_000);

it("killed outright (SIGKILL), leaves claims a rerun will not mail twice, and says so", async () => {
  await services.clearMailbox();
  const first = runTs(digestCli, ["--week", "2026-W21", "--send"], env);
  while ((await sendTotals(services.ctx.db, "2026-W21")).sent < 50) {
    if (first.child.exitCode !== null) throw new Error(`finished before it could be killed:\n${first.output()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  await first.stop("SIGKILL");

  const second = runTs(digestCli, ["--week", "2026-W21", "--send"], env);
  const code = await second.exited;
  const totals = await sendTotals(services.ctx.db, "2026-W21");
  expect(totals.sent + totals.claimed).toBe(400);
  const copies = new Map<string, number>();
  for (const mail of await services.mailbox())
    copies.set(mail.destination.to[0]!, (copies.get(mail.destination.to[0]!) ?? 0) + 1);
  expect([...copies.values()].filter((n) => n > 1)).toEqual([]); // nobody twice
  expect(copies.size).toBeGreaterThanOrEqual(totals.sent);
  if (totals.claimed > 0) {
    // Claims the killed run held stay its own until they time out: the rerun says so.
    expect(code).toBe(1);
    expect(second.output()).toContain(`${totals.claimed} of them are held by another send`);
  } else {
    expect(code).toBe(0);
  }
}, 120_000);
