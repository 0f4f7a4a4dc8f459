/**
 * The send consumer Lambda as SQS invokes it: a job per message, partial batch responses for
 * jobs whose recipients SES could not take, against real local DynamoDB and SES.
 */
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { sendTotals } from "@tidings/core/store/sends";
import { faultySes, type FaultySes } from "../support/faulty-ses.ts";
import { coldStart, lambdaContext } from "../support/cold-start.ts";
import { sqsEvent } from "../support/events.ts";
import { startTestServices, type TestServices } from "../support/services.ts";
import { addReaders, storeDigest, type Reader } from "../support/sending.ts";

let services: TestServices;
let readers: Reader[];
let throttling = false;
let ses: FaultySes;

beforeAll(async () => {
  services = await startTestServices();
  readers = await addReaders(services.ctx, 4, "lambda");
  await storeDigest(services.ctx.db, "2026-W20");
  ses = await faultySes(services.sesEndpoint, () => (throttling ? "throttle" : undefined));
});
afterAll(async () => {
  await ses.close();
  await services.close();
});
beforeEach(() => services.clearMailbox());

/** The handler module, loaded fresh with this test's configuration, as a Lambda starts. */
const loadHandler = async () =>
  (await coldStart(services, () => import("@tidings/functions/lambda/send"), { SES_ENDPOINT: ses.endpoint })).handler;

const context = lambdaContext("send");

it("sends every job's recipients and reports no failure", async () => {
  const handler = await loadHandler();
  const ids = readers.map((r) => r.id);
  const result = await handler(
    sqsEvent([
      { week: "2026-W20", subscriberIds: ids.slice(0, 2) },
      { week: "2026-W20", subscriberIds: ids.slice(2) },
    ]),
    context,
  );
  expect(result).toEqual({ batchItemFailures: [] });
  expect((await services.mailbox()).map((m) => m.destination.to[0]).sort()).toEqual(readers.map((r) => r.email).sort());
});

it("reports a message that is not a job as failed, never half-sending it, and sends the others", async () => {
  const handler = await loadHandler();
  await storeDigest(services.ctx.db, "2026-W22");
  const ids = readers.map((r) => r.id);
  const result = await handler(
    sqsEvent([
      "not json",
      { week: "2026-W22", subscriberIds: ids.slice(0, 2), extra: "ignored" },
      { week: "2026-W22", subscriberIds: ids[2] }, // not a list: nobody may be mailed
      { week: "W22", subscriberIds: ids.slice(2) },
    ]),
    context,
  );
  expect(result).toEqual({
    batchItemFailures: [{ itemIdentifier: "m-0" }, { itemIdentifier: "m-2" }, { itemIdentifier: "m-3" }],
  });
  expect((await services.mailbox()).map((m) => m.destination.to[0]).sort()).toEqual(
    readers
      .slice(0, 2)
      .map((r) => r.email)
      .sort(),
  );
  expect(await sendTotals(services.ctx.db, "2026-W22")).toEqual({ claimed: 0, sent: 2, failed: 0 });
});

it("reports a job SES throttled as failed, so SQS delivers it again; a redelivery completes it once", async () => {
  const handler = await loadHandler();
  const event = sqsEvent([{ week: "2026-W21", subscriberIds: [readers[0]!.id] }]);
  await storeDigest(services.ctx.db, "2026-W21");
  throttling = true;
  expect(await handler(event, context)).toEqual({ batchItemFailures: [{ itemIdentifier: "m-0" }] });
  expect(await services.mailbox()).toHaveLength(0);
  throttling = false;
  expect(await handler(event, context)).toEqual({ batchItemFailures: [] });
  expect(await handler(event, context)).toEqual({ batchItemFailures: [] }); // a duplicate message
  expect(await services.mailbox()).toHaveLength(1);
  expect(await sendTotals(services.ctx.db, "2026-W21")).toEqual({ claimed: 0, sent: 1, failed: 0 });
}, 60_000);
