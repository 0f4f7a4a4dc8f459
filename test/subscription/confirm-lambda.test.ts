/**
 * The confirmation outbox's consumer Lambda as SQS invokes it, against real local DynamoDB and
 * SES: a due signup gets its email, and a body that is not a confirmation message is reported
 * failed (SQS dead-letters it after its receives) without anything being sent for it.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { claimConfirmation } from "@tidings/core/store/signup-claims";
import { getSubscriber } from "@tidings/core/store/subscribers";
import { EmailAddress } from "@tidings/core/subscription/address";
import { subscriberId } from "@tidings/core/subscription/subscriber";
import { coldStart, lambdaContext } from "../support/cold-start.ts";
import { sqsEvent } from "../support/events.ts";
import { startTestServices, type TestServices } from "../support/services.ts";

let services: TestServices;
beforeAll(async () => (services = await startTestServices()));
afterAll(() => services.close());

/** The handler module, loaded fresh with this test's configuration, as a Lambda starts. */
const loadHandler = async () => (await coldStart(services, () => import("@tidings/functions/lambda/confirm"))).handler;

async function dueSignup(address: string) {
  const email = EmailAddress.parse(address);
  const id = await subscriberId(services.ctx, email);
  const consent = { at: new Date().toISOString(), clientAddress: "203.0.113.9", userAgent: "test", form: "home" };
  await claimConfirmation(services.ctx.db, {
    id,
    email,
    consent,
    now: new Date(),
    resendAfterMs: 600_000,
    expiresAfterMs: 86_400_000,
  });
  return id;
}

it("sends a due confirmation, and reports each message that is not one as failed", async () => {
  const handler = await loadHandler();
  const id = await dueSignup("lambda-reader@example.com");
  const other = await dueSignup("lambda-other@example.com");
  const result = await handler(
    sqsEvent([
      { subscriberId: id },
      "{",
      { subscriberId: "someone@example.com" }, // an address, not an id: never mailed
      { subscriber: other },
    ]),
    lambdaContext("confirm"),
  );
  expect(result).toEqual({
    batchItemFailures: [{ itemIdentifier: "m-1" }, { itemIdentifier: "m-2" }, { itemIdentifier: "m-3" }],
  });
  expect((await services.mailbox()).map((m) => m.destination.to)).toEqual([["lambda-reader@example.com"]]);
  expect((await getSubscriber(services.ctx.db, other))?.confirmationDue).toBeDefined(); // still due, untouched
});
