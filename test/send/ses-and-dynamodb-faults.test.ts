/**
 * A send under faults (issue 13): 2,000 readers, the local SES answering 20% of calls with
 * throttling or a 5xx, and DynamoDB stopped and started again once mid-send over the same data.
 * Every active reader gets exactly one email; nobody else gets any.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readConfig } from "@tidings/core/config";
import { createContext, type Context } from "@tidings/core/context";
import { createConsumer, type DeliverJob } from "@tidings/core/send/consumer";
import { sendInProcess } from "@tidings/core/send/in-process";
import { TokenBucket } from "@tidings/core/send/pace";
import { ensureTable } from "@tidings/core/store/db";
import { startServices, type Services } from "@tidings/local/services";
import { faultySes, type FaultySes } from "../support/faulty-ses.ts";
import { restartableDynamo, type RestartableDynamo } from "../support/restartable-dynamo.ts";
import { addReaders, storeDigest, type Reader } from "../support/sending.ts";
import type { SentEmail } from "../support/services.ts";

const WEEK = "2026-W20";
const ACTIVE = 2000;
let dynamo: RestartableDynamo;
let ses: Services;
let hop: FaultySes;
let ctx: Context;
let readers: Reader[];

// A fixed sequence, so a failure can be replayed: every fifth call on average fails, half of
// those as throttling, half as a 5xx.
let seed = 13;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;

beforeAll(async () => {
  dynamo = await restartableDynamo(mkdtempSync(join(tmpdir(), "tidings-faults-")));
  ses = await startServices(); // its own (in-memory) DynamoDB is not used
  hop = await faultySes(ses.sesEndpoint, () => {
    const r = random();
    return r < 0.1 ? "throttle" : r < 0.2 ? "server-error" : undefined;
  });
  ctx = createContext(
    readConfig({
      TABLE_NAME: "tidings-faults",
      TOKEN_SECRET: "faults",
      TIDINGS_DATA_DIR: mkdtempSync(join(tmpdir(), "tidings-faults-data-")),
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      SES_ENDPOINT: hop.endpoint,
    }),
  );
  await ensureTable(ctx.db);
  await storeDigest(ctx.db, WEEK);
  readers = [
    ...(await addReaders(ctx, ACTIVE, "fault")),
    ...(await addReaders(ctx, 20, "fault-left", "unsubscribed")),
    ...(await addReaders(ctx, 20, "fault-pending", "pending")),
  ];
}, 180_000);

afterAll(async () => {
  await hop?.close();
  await ses?.close();
  await dynamo?.close();
});

describe("a send of 2,000 readers under faults", () => {
  it("mails every active reader exactly once while SES fails 20% of calls and DynamoDB restarts", async () => {
    const consumer = createConsumer(ctx, {
      pace: new TokenBucket(Infinity),
      backoff: { baseMs: 20, capMs: 200 },
      attempts: 6,
    });
    let restarted: Promise<void> | undefined;
    let sentSoFar = 0;
    const deliver: DeliverJob = async (job) => {
      const outcome = await consumer(job);
      sentSoFar += outcome.sent;
      // Once a third is out, DynamoDB goes away for a second while the other consumers work on.
      if (!restarted && sentSoFar >= ACTIVE / 3) restarted = dynamo.restart(1_000);
      return outcome;
    };
    const summary = await sendInProcess(ctx, WEEK, {
      deliver,
      consumers: 4,
      maxReceives: 20,
      retryDelayMs: 250,
    });
    await restarted;
    expect(restarted).toBeDefined();
    expect(hop.stats.faults).toBeGreaterThan(hop.stats.sends * 0.15);

    const mail = ((await (await fetch(`${ses.sesEndpoint}/store`)).json()) as { emails: SentEmail[] }).emails;
    const perAddress = new Map<string, number>();
    for (const m of mail) perAddress.set(m.destination.to[0]!, (perAddress.get(m.destination.to[0]!) ?? 0) + 1);
    const active = readers.filter((r) => r.fate === "active").map((r) => r.email as string);
    expect(active.filter((a) => perAddress.get(a) !== 1)).toEqual([]);
    expect(perAddress.size).toBe(ACTIVE);
    expect(summary).toMatchObject({ deadLetters: 0, stopped: false, paused: false });
  }, 300_000);
});
