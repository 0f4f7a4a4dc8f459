/**
 * DynamoDB failing after SES accepted a message must not cost the reader a second copy: the
 * completion is retried (by the SDK, and a few times more around it: the one write that guards
 * against a second copy, send/deliver.ts), and if it never lands the claim stays held
 * (SES's Send event completes it on AWS) instead of being given back for another send. The
 * faults are real DynamoDB answers on the wire (test/support/faulty-dynamo.ts).
 */
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import type { Context } from "@tidings/core/context";
import { sendInProcess } from "@tidings/core/send/in-process";
import { sendKeys } from "@tidings/core/store/keys";
import { getSend, sendTotals } from "@tidings/core/store/sends";
import { faultyDynamo, type FaultyDynamo } from "../support/faulty-dynamo.ts";
import { startTestServices, type TestServices } from "../support/services.ts";
import { addReaders, storeDigest, type Reader } from "../support/sending.ts";

let services: TestServices;
let dynamo: FaultyDynamo;
let ctx: Context;
let readers: Reader[];
/** How many completion writes (UpdateItem on the first reader's send record) to fail from now on. */
let failCompletions = 0;
let week = "";

beforeAll(async () => {
  services = await startTestServices();
  readers = await addReaders(services.ctx, 3, "faulty");
  dynamo = await faultyDynamo(services.dynamodbEndpoint, services.ctx.config.tableName, ({ operation, input }) => {
    const { PK, SK } = sendKeys.key(week, readers[0]!.id);
    const completion = operation === "UpdateItem" && input.Key?.PK?.S === PK && input.Key.SK?.S === SK;
    if (!completion || failCompletions === 0) return undefined;
    failCompletions--;
    return "server-error";
  });
  ctx = { ...services.ctx, db: dynamo.db };
});
afterAll(async () => {
  await dynamo.close();
  await services.close();
});
beforeEach(() => services.clearMailbox());

const quick = {
  retryDelayMs: 5,
  delivery: { backoff: { baseMs: 1, capMs: 2 }, completion: { attempts: 3, baseMs: 1, capMs: 2 } },
};
const copiesOf = async (r: Reader) => (await services.mailbox()).filter((m) => m.destination.to[0] === r.email).length;

it("retries a completion DynamoDB refused, and mails nobody twice", async () => {
  ({ week } = await storeDigest(services.ctx.db, "2026-W20"));
  failCompletions = 2;
  const summary = await sendInProcess(ctx, week, quick);
  expect(failCompletions).toBe(0); // both faults were met, and the SDK's third attempt landed
  expect(summary).toMatchObject({ sent: 3, failed: 0 });
  for (const r of readers) expect(await copiesOf(r)).toBe(1);
  expect(await sendTotals(services.ctx.db, week)).toEqual({ claimed: 0, sent: 3, failed: 0 });
});

it("keeps the claim when the completion never lands, so a rerun does not mail the reader again", async () => {
  ({ week } = await storeDigest(services.ctx.db, "2026-W21"));
  failCompletions = 16;
  await sendInProcess(ctx, week, quick);
  expect(failCompletions).toBe(1); // the SDK's five attempts, three times over, and no more
  expect(await sendTotals(services.ctx.db, week)).toEqual({ claimed: 1, sent: 2, failed: 0 });
  expect((await getSend(services.ctx.db, week, readers[0]!.id))?.status).toBe("claimed");
  failCompletions = 0;

  const rerun = await sendInProcess(ctx, week, { ...quick, maxReceives: 1 });
  expect(rerun.sent).toBe(0);
  for (const r of readers) expect(await copiesOf(r)).toBe(1);
  expect((await getSend(services.ctx.db, week, readers[0]!.id))?.status).toBe("claimed");
});
