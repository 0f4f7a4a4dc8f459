import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimSend, finishSend, getSend } from "@tidings/core/store/sends";
import { handleSesNotifications } from "@tidings/core/email/ses-events";
import { sesSendEvent, snsEvent } from "../support/events.ts";
import { startTestServices, type TestServices } from "../support/services.ts";

let services: TestServices;
beforeAll(async () => (services = await startTestServices()));
afterAll(() => services.close());

/** An SES Send event as the configuration set publishes it, for a message to r@example.com. */
const sendEvent = (tags: Record<string, string[]>, messageId = "0100018f-abc") =>
  sesSendEvent(
    { messageId, to: "r@example.com", from: "digest@example.com", tags },
    new Date("2026-05-25T06:00:01.000Z"),
  );

describe("SES Send events", () => {
  it("complete a send record whose consumer crashed after SES took the message", async () => {
    const { ctx } = services;
    const claim = await claimSend(ctx.db, "2026-W21", "sub_crashed", Date.now(), 600_000);
    expect(claim.ok).toBe(true);
    await handleSesNotifications(
      ctx,
      snsEvent("SesEvents", [sendEvent({ digest: ["2026-W21"], subscriber: ["sub_crashed"] })]),
    );
    expect(await getSend(ctx.db, "2026-W21", "sub_crashed")).toMatchObject({
      status: "sent",
      messageId: "0100018f-abc",
      finishedAt: Date.parse("2026-05-25T06:00:01.000Z"),
    });
    // Long after the claim timeout, the reader is still not sent a second copy.
    expect(await claimSend(ctx.db, "2026-W21", "sub_crashed", Date.now() + 3_600_000, 600_000)).toEqual({
      ok: false,
      reason: "done",
      status: "sent",
    });
  });

  it("leave a record the consumer completed as it is, and ignore other emails' events", async () => {
    const { ctx } = services;
    const claim = await claimSend(ctx.db, "2026-W21", "sub_done", Date.now(), 600_000);
    if (!claim.ok) throw new Error("expected a claim");
    await finishSend(ctx.db, "2026-W21", "sub_done", claim.claimId, { status: "sent", messageId: "m-own", at: 1 });
    await handleSesNotifications(
      ctx,
      snsEvent("SesEvents", [
        sendEvent({ digest: ["2026-W21"], subscriber: ["sub_done"] }, "m-event"),
        sendEvent({}, "confirmation-email"), // a confirmation email: no digest tags
      ]),
    );
    expect(await getSend(ctx.db, "2026-W21", "sub_done")).toMatchObject({ status: "sent", messageId: "m-own" });
    expect(await getSend(ctx.db, "2026-W21", "sub_nobody")).toBeUndefined();
  });
});
