/**
 * Confirmation emails leave the request path (issue 5: "no way to learn who is subscribed").
 * The app's own SES client goes through a recorder while the outbox's consumer uses the real
 * one, so a SendEmail made while answering POST /subscribe would be counted.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Context } from "@tidings/core/context";
import { createSes } from "@tidings/core/email/ses";
import { getSubscriber } from "@tidings/core/store/subscribers";
import { EmailAddress } from "@tidings/core/subscription/address";
import {
  deliverConfirmation,
  localConfirmationOutbox,
  type ConfirmationMessage,
} from "@tidings/core/subscription/confirmation-outbox";
import { unsubscribeUrl } from "@tidings/core/subscription/links";
import { subscriberId } from "@tidings/core/subscription/subscriber";
import { applySesEvent, sampleSesEvent } from "@tidings/core/subscription/suppression";
import { createApp } from "@tidings/functions/app/app";
import { faultySes, type FaultPlan, type FaultySes } from "../support/faulty-ses.ts";
import { startTestServices, type TestServices } from "../support/services.ts";
import { CLIENT_HEADER, confirmLink, freshClient, signup, signupDue } from "../support/testbed.ts";

let services: TestServices;
let recorder: FaultySes;
const opened: FaultySes[] = [];
beforeAll(async () => {
  services = await startTestServices();
  recorder = await faultySes(services.sesEndpoint, () => undefined);
});
afterAll(async () => {
  await Promise.all([recorder, ...opened].map((s) => s?.close()));
  await services?.close();
});

const MINUTE = 60_000;
const start = new Date("2026-05-18T09:00:00Z");
const idOf = (address: string) => subscriberId(services.ctx, EmailAddress.parse(address));
const stateOf = async (address: string) => (await getSubscriber(services.ctx.db, await idOf(address)))?.state;
const mailTo = async (address: string) => (await services.mailbox()).filter((m) => m.destination.to.includes(address));
const path = (url: string) => url.replace(services.ctx.config.publicUrl, "");

/** The services' context with SES reached through a proxy that answers as `plan` says. */
async function sesThrough(plan: FaultPlan): Promise<{ ctx: Context; ses: FaultySes }> {
  const ses = await faultySes(services.sesEndpoint, plan);
  opened.push(ses);
  return { ses, ctx: { ...services.ctx, ses: createSes({ region: "us-east-1", endpoint: ses.endpoint }) } };
}

describe("POST /subscribe", () => {
  it("answers every state without an SES call, hands off one like message, and mails only those due", async () => {
    let now = start.getTime();
    const clock = () => new Date(now);
    const outbox = localConfirmationOutbox(services.ctx, clock);
    const handedOff: ConfirmationMessage[] = [];
    const app = createApp({
      ctx: { ...services.ctx, ses: createSes({ region: "us-east-1", endpoint: recorder.endpoint }) },
      confirmations: {
        async enqueue(messages) {
          handedOff.push(...messages);
          await outbox.enqueue(messages);
        },
      },
      clientAddress: (c) => c.req.header(CLIENT_HEADER) ?? "unknown",
      now: clock,
    });
    const ask = (email: string) => signup(app, { email }, { client: freshClient() });
    const a = {
      new: "o-new@example.com",
      pendingRecent: "o-pending-recent@example.com",
      pendingOld: "o-pending-old@example.com",
      active: "o-active@example.com",
      unsubscribed: "o-left@example.com",
      suppressed: "o-bounced@example.com",
    };

    // Each address into its state, through the app.
    for (const address of [a.pendingOld, a.active, a.unsubscribed]) await ask(address);
    await outbox.drained();
    for (const address of [a.active, a.unsubscribed]) {
      const [invite] = await mailTo(address);
      await app.request(path(confirmLink(invite!.body.text)));
    }
    await app.request(path(unsubscribeUrl(services.ctx.config, { id: await idOf(a.unsubscribed) })), {
      method: "POST",
    });
    await applySesEvent(services.ctx, sampleSesEvent("bounce", a.suppressed, clock()), clock());
    now += 11 * MINUTE;
    await ask(a.pendingRecent);
    await outbox.drained();
    now += MINUTE;
    expect(await Promise.all(Object.values(a).map(stateOf))).toEqual([
      undefined,
      "pending",
      "pending",
      "active",
      "unsubscribed",
      "suppressed",
    ]);
    await services.clearMailbox();
    handedOff.length = 0;

    for (const address of Object.values(a)) {
      expect((await ask(address)).status).toBe(200);
      expect(recorder.stats.sends).toBe(0); // nothing was mailed while answering
    }
    expect(handedOff).toEqual(
      await Promise.all(Object.values(a).map(async (address) => ({ subscriberId: await idOf(address) }))),
    );

    await outbox.drained();
    const mailed = (await services.mailbox()).flatMap((m) => m.destination.to);
    expect(mailed.sort()).toEqual([a.new, a.pendingOld, a.unsubscribed].sort());
    expect(recorder.stats.sends).toBe(0);
  });
});

describe("the confirmation outbox's consumer", () => {
  /** A signup at `start` whose confirmation email is due, not sent. */
  async function due(address: string) {
    const message = await signupDue(services, address, start);
    expect(await mailTo(address)).toHaveLength(0);
    return message;
  }

  it("sends one email however often, and however concurrently, its message is delivered", async () => {
    const address = "o-twice@example.com";
    const message = await due(address);
    const outcomes = await Promise.all(
      Array.from({ length: 4 }, () => deliverConfirmation(services.ctx, message, start)),
    );
    expect(outcomes.sort()).toEqual(["not_due", "not_due", "not_due", "sent"]);
    const [mail, ...more] = await mailTo(address);
    expect(more).toHaveLength(0);
    expect(confirmLink(mail!.body.text)).toMatch(/\/confirm\?token=/);
  });

  it("retries SES when it throttles", async () => {
    const address = "o-throttled@example.com";
    const message = await due(address);
    const { ctx, ses } = await sesThrough(({ n }) => (n === 1 ? "throttle" : undefined));
    expect(await deliverConfirmation(ctx, message, start)).toBe("sent");
    expect(ses.stats).toEqual({ sends: 2, faults: 1 });
    expect(await mailTo(address)).toHaveLength(1);
  });

  it("gives the claim back when SES refuses the email, so the reader can ask again at once", async () => {
    const address = "o-refused@example.com";
    const message = await due(address);
    const { ctx } = await sesThrough(() => "reject");
    expect(await deliverConfirmation(ctx, message, start)).toBe("failed");
    expect(await mailTo(address)).toHaveLength(0);
    expect((await getSubscriber(services.ctx.db, message.subscriberId))?.confirmationSentAt).toBeUndefined();

    await due(address); // a minute later would do: the 10 minutes were given back
    expect(await deliverConfirmation(services.ctx, message, start)).toBe("sent");
    expect(await mailTo(address)).toHaveLength(1);
  });
});
