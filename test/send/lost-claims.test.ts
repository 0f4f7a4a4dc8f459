/**
 * A claim whose write landed but whose answer was lost, with every retry of the SDK failing too
 * (DynamoDB going away mid-send): the job fails and comes back, and the reader is mailed then,
 * once, not ten minutes later when the claim would time out. (The fault test with a real
 * restart: ses-and-dynamodb-faults.test.ts.)
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { sendInProcess } from "@tidings/core/send/in-process";
import { sendKeys } from "@tidings/core/store/keys";
import { sendTotals } from "@tidings/core/store/sends";
import { faultyDynamo, type FaultyDynamo } from "../support/faulty-dynamo.ts";
import { addReaders, storeDigest, type Reader } from "../support/sending.ts";
import { startTestServices, type TestServices } from "../support/services.ts";

let services: TestServices;
let dynamo: FaultyDynamo;
let readers: Reader[];
/** The claim's PutItem on the first reader: the first lands unanswered, the SDK's retries fail. */
let claimWrites = 0;

beforeAll(async () => {
  services = await startTestServices();
  readers = await addReaders(services.ctx, 3, "lost");
  const { PK, SK } = sendKeys.key("2026-W20", readers[0]!.id);
  dynamo = await faultyDynamo(services.dynamodbEndpoint, services.ctx.config.tableName, ({ operation, input }) => {
    const claim = operation === "PutItem" && JSON.stringify(input).includes(PK) && JSON.stringify(input).includes(SK);
    if (!claim || ++claimWrites > 5) return undefined;
    return claimWrites === 1 ? "lost-answer" : "server-error";
  });
});
afterAll(async () => {
  await dynamo.close();
  await services.close();
});

it("mails the reader once when the job comes back, taking over the claim it left", async () => {
  await storeDigest(services.ctx.db, "2026-W20");
  const summary = await sendInProcess({ ...services.ctx, db: dynamo.db }, "2026-W20", {
    consumers: 1,
    retryDelayMs: 10,
    maxReceives: 3,
    delivery: { backoff: { baseMs: 1, capMs: 2 } },
  });
  expect(claimWrites).toBeGreaterThan(5); // the SDK's five attempts failed; the job's next try landed
  // The failed try's other readers went out while it failed (counted as skipped on the next).
  expect(summary).toMatchObject({ deadLetters: 0, stopped: false });
  const mail = await services.mailbox();
  for (const r of readers)
    expect(
      mail.filter((m) => m.destination.to[0] === r.email),
      r.email,
    ).toHaveLength(1);
  expect(await sendTotals(services.ctx.db, "2026-W20")).toEqual({ claimed: 0, sent: 3, failed: 0 });
});
