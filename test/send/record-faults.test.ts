/**
 * DynamoDB failing after SES accepted a message must not cost the reader a second copy: the
 * completion is retried, and if it never lands the claim stays held (SES's Send event completes
 * it on AWS) instead of being given back for another send.
 */
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { ProvisionedThroughputExceededException } from "@aws-sdk/client-dynamodb";
import { sendInProcess } from "@tidings/core/send/in-process";
import { getSend, sendTotals } from "@tidings/core/store/sends";
import { startTestServices, type TestServices } from "../support/services.ts";
import { addReaders, storeDigest, type Reader } from "../support/sending.ts";

let services: TestServices;
let readers: Reader[];
/** How many completion writes (UpdateItem on a send record) of the first reader to fail from now on. */
let failCompletions = 0;

beforeAll(async () => {
  services = await startTestServices();
  readers = await addReaders(services.ctx.db, services.ctx.config.tokenSecret, 3, "faulty");
  services.ctx.db.client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { Key?: { PK?: string; SK?: string } };
      const completion =
        context.commandName === "UpdateItemCommand" &&
        input.Key?.PK?.startsWith("SEND#") &&
        input.Key.SK === `SUB#${readers[0]!.id}`;
      if (completion && failCompletions > 0) {
        failCompletions--;
        throw new ProvisionedThroughputExceededException({ message: "injected", $metadata: {} });
      }
      return next(args);
    },
    { step: "initialize", name: "failCompletions" },
  );
});
afterAll(() => services.close());
beforeEach(() => services.clearMailbox());

const quick = { retryDelayMs: 5, delivery: { backoff: { baseMs: 1, capMs: 2 } } };
const copiesOf = async (r: Reader) => (await services.mailbox()).filter((m) => m.destination.to[0] === r.email).length;

it("retries a completion DynamoDB refused, and mails nobody twice", async () => {
  const { week } = await storeDigest(services.ctx.db, "2026-W20");
  failCompletions = 2;
  const summary = await sendInProcess(services.ctx, week, quick);
  expect(failCompletions).toBe(0); // both faults were met
  expect(summary).toMatchObject({ sent: 3, failed: 0 });
  for (const r of readers) expect(await copiesOf(r)).toBe(1);
  expect(await sendTotals(services.ctx.db, week)).toEqual({ claimed: 0, sent: 3, failed: 0 });
});

it("keeps the claim when the completion never lands, so a rerun does not mail the reader again", async () => {
  const { week } = await storeDigest(services.ctx.db, "2026-W21");
  failCompletions = 5; // every attempt
  await sendInProcess(services.ctx, week, quick);
  expect(failCompletions).toBe(0);
  expect(await sendTotals(services.ctx.db, week)).toEqual({ claimed: 1, sent: 2, failed: 0 });
  const held = (await Promise.all(readers.map((r) => getSend(services.ctx.db, week, r.id)))).find(
    (s) => s?.status === "claimed",
  )!;

  const rerun = await sendInProcess(services.ctx, week, { ...quick, maxReceives: 1 });
  expect(rerun.sent).toBe(0);
  for (const r of readers) expect(await copiesOf(r)).toBe(1);
  expect((await getSend(services.ctx.db, week, readers[0]!.id))?.status).toBe("claimed");
});
