/**
 * The desk's CSV import and export of 10,000 readers, against local DynamoDB (dynalite) in a
 * process of its own, as under `npm start`. Each table is fresh, and the peers run in the same
 * process and the same run:
 * - import (`confirmed`): parse, validate, one consistent BatchGetItem per 100 addresses and a
 *   conditional PutItem per new reader, 16 at a time; against a bare BatchWriteItem of the same
 *   10,000 rows (16 batches in flight), which checks nothing and would overwrite anyone who left,
 *   and against the same addresses through the signup path (`requestSubscription`, 16 at a time:
 *   rate limits, a conditional claim, an outbox message) — what importing without the desk costs;
 * - the same file imported a second time (everyone already subscribed: reads only);
 * - `opt-in` mode (pending readers and their outbox messages; the emails themselves are the
 *   outbox's, paced like signups, and not part of the import's time);
 * - export: the streamed CSV (GSI2 pages of 500) against a bare Scan of the table.
 */
import { performance } from "node:perf_hooks";
import { BatchWriteCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { exportSubscribers } from "@tidings/core/admin/export";
import { importSubscribers, type ImportReport } from "@tidings/core/admin/import";
import { mapLimit } from "@tidings/core/async/map-limit";
import { readConfig } from "@tidings/core/config";
import { createContext, type Context } from "@tidings/core/context";
import { ensureTable } from "@tidings/core/store/db";
import { toRow } from "@tidings/core/store/subscribers";
import { EmailAddress } from "@tidings/core/subscription/address";
import type { ConfirmationMessage } from "@tidings/core/subscription/confirmation-outbox";
import { requestSubscription } from "@tidings/core/subscription/subscribe";
import { subscriberId } from "@tidings/core/subscription/subscriber";
import { startServicesProcess } from "../support/services-child.ts";

const ROWS = 10_000;
let tables = 0;

const addresses = Array.from({ length: ROWS }, (_, i) => `reader${i}@example.com`);
const csv = "email,name\n" + addresses.map((a, i) => `${a},Reader ${i}`).join("\n") + "\n";
const counted: ConfirmationMessage[] = [];
const outbox = { enqueue: async (m: ConfirmationMessage[]) => void counted.push(...m) };

async function freshTable(endpoints: Record<string, string>): Promise<Context> {
  const ctx = createContext(
    readConfig({
      ...endpoints,
      TABLE_NAME: `bench-${++tables}`,
      TOKEN_SECRET: "bench",
      TIDINGS_DATA_DIR: "/tmp/tidings-bench",
    }),
  );
  await ensureTable(ctx.db);
  return ctx;
}

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await run();
  return { ms: performance.now() - start, value };
}

const options = (mode: "confirmed" | "opt-in") => ({ mode, by: "bench", clientAddress: "127.0.0.1", now: new Date() });

async function bareBatchWrite(ctx: Context): Promise<void> {
  const at = new Date().toISOString();
  const rows = await Promise.all(
    addresses.map(async (a) => {
      const email = EmailAddress.parse(a);
      return toRow({ id: await subscriberId(ctx, email), email, state: "active", createdAt: at, updatedAt: at });
    }),
  );
  const batches: (typeof rows)[] = [];
  for (let i = 0; i < rows.length; i += 25) batches.push(rows.slice(i, i + 25));
  await mapLimit(batches, 16, (batch) =>
    ctx.db.client.send(
      new BatchWriteCommand({ RequestItems: { [ctx.db.table]: batch.map((Item) => ({ PutRequest: { Item } })) } }),
    ),
  );
}

async function viaSignups(ctx: Context): Promise<void> {
  await mapLimit([...addresses.keys()], 16, (i) => {
    const a = addresses[i]!;
    const at = new Date();
    // Each signup from a client address of its own: the limits would stop one client at five.
    const consent = {
      at: at.toISOString(),
      clientAddress: `10.0.${Math.floor(i / 250)}.${i % 250}`,
      userAgent: "bench",
      form: "home",
    };
    return requestSubscription(ctx, outbox, { email: EmailAddress.parse(a), consent }, at);
  });
}

async function exported(ctx: Context): Promise<number> {
  let lines = 0;
  for await (const chunk of exportSubscribers(ctx, "bench", new Date())) lines += chunk.split("\r\n").length - 1;
  return lines - 1;
}

async function scanned(ctx: Context): Promise<number> {
  let rows = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await ctx.db.client.send(new ScanCommand({ TableName: ctx.db.table, ExclusiveStartKey: start }));
    rows += page.Items?.filter((r) => String(r.PK).startsWith("SUB#")).length ?? 0;
    start = page.LastEvaluatedKey;
  } while (start);
  return rows;
}

const check = (report: ImportReport, imported: number) => {
  if (report.imported !== imported) throw new Error(`imported ${report.imported}, expected ${imported}`);
};
const perSecond = (ms: number) => `${Math.round(ROWS / (ms / 1000)).toLocaleString("en")}/s`;

export default async function bench() {
  const { dynamodbEndpoint, sesEndpoint, process: services } = await startServicesProcess();
  try {
    const endpoints = { DYNAMODB_ENDPOINT: dynamodbEndpoint, SES_ENDPOINT: sesEndpoint };

    const confirmedCtx = await freshTable(endpoints);
    const confirmed = await timed(() => importSubscribers(confirmedCtx, outbox, csv, options("confirmed")));
    check(confirmed.value, ROWS);
    const again = await timed(() => importSubscribers(confirmedCtx, outbox, csv, options("confirmed")));
    check(again.value, 0);
    const optInCtx = await freshTable(endpoints);
    const optIn = await timed(() => importSubscribers(optInCtx, outbox, csv, options("opt-in")));
    check(optIn.value, ROWS);
    if (counted.length !== ROWS) throw new Error(`${counted.length} outbox messages, expected ${ROWS}`);
    const bare = await timed(async () => bareBatchWrite(await freshTable(endpoints)));
    const signupCtx = await freshTable(endpoints);
    const signups = await timed(() => viaSignups(signupCtx));
    const exportRun = await timed(() => exported(confirmedCtx));
    if (exportRun.value !== ROWS) throw new Error(`exported ${exportRun.value} readers, expected ${ROWS}`);
    const scan = await timed(() => scanned(confirmedCtx));

    const row = (what: string, ms: number, peerMs?: number) =>
      console.log(
        `| ${what} | ${(ms / 1000).toFixed(2)} s | ${perSecond(ms)} |${peerMs ? ` ${(ms / peerMs).toFixed(2)}× |` : " |"}`,
      );
    console.log(`| ${ROWS.toLocaleString("en")} readers | time | rate | ratio to the bare BatchWrite |`);
    console.log("|---|---:|---:|---:|");
    row("import, `confirmed` (desk)", confirmed.ms, bare.ms);
    row("the same file again (all already subscribed)", again.ms, bare.ms);
    row("import, `opt-in` (pending + outbox messages)", optIn.ms, bare.ms);
    row("peer: bare BatchWriteItem, 16 in flight, no checks", bare.ms, bare.ms);
    row("peer: the signup path, 16 at a time", signups.ms, bare.ms);
    console.log(`\n| export | time | rate | ratio to a bare Scan |\n|---|---:|---:|---:|`);
    console.log(
      `| streamed CSV (GSI2 pages of 500) | ${(exportRun.ms / 1000).toFixed(2)} s | ${perSecond(exportRun.ms)} | ${(exportRun.ms / scan.ms).toFixed(2)}× |`,
    );
    console.log(`| peer: bare Scan of the table | ${(scan.ms / 1000).toFixed(2)} s | ${perSecond(scan.ms)} | 1.00× |`);
  } finally {
    await services.stop("SIGTERM");
  }
}
