/**
 * The real app over real local services, with a clock the test moves, a client address it picks,
 * and the in-process confirmation outbox, which tests drain before reading the mailbox.
 */
import { afterAll, beforeAll, beforeEach } from "vitest";
import { getSubscriber } from "@tidings/core/store/subscribers";
import { EmailAddress } from "@tidings/core/subscription/address";
import { subscriberId } from "@tidings/core/subscription/subscriber";
import { localConfirmationOutbox, type ConfirmationMessage } from "@tidings/core/subscription/confirmation-outbox";
import { createApp } from "@tidings/functions/app/app";
import { startTestServices, type TestServices } from "./services.ts";

export const CLIENT_HEADER = "x-test-client";

export function testApp(services: TestServices, start = new Date("2026-05-18T09:00:00Z")) {
  let now = start.getTime();
  const confirmations = localConfirmationOutbox(services.ctx, () => new Date(now));
  const app = createApp({
    ctx: services.ctx,
    confirmations,
    // Tests pick the client address per request; the real app takes it from the platform only.
    clientAddress: (c) => c.req.header(CLIENT_HEADER) ?? "203.0.113.7",
    now: () => new Date(now),
  });
  return {
    app,
    confirmations,
    now: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
  };
}

let clients = 0;
/** A client address no other test has used (each has its own rate-limit budget). */
export const freshClient = () => `198.51.100.${++clients}`;

export function signup(
  app: ReturnType<typeof testApp>["app"],
  fields: Record<string, string>,
  { client = "203.0.113.7", json = false } = {},
) {
  return app.request("/subscribe", {
    method: "POST",
    headers: {
      [CLIENT_HEADER]: client,
      "user-agent": "vitest",
      "content-type": json ? "application/json" : "application/x-www-form-urlencoded",
      ...(json ? { accept: "application/json" } : {}),
    },
    body: json ? JSON.stringify(fields) : new URLSearchParams(fields).toString(),
  });
}

/**
 * Signs `address` up at `now` through an app whose outbox nobody drains: its confirmation email is
 * due, not sent. Returns the outbox message the signup would have handed over.
 */
export async function signupDue(services: TestServices, address: string, now: Date): Promise<ConfirmationMessage> {
  const app = createApp({
    ctx: services.ctx,
    confirmations: { enqueue: async () => {} },
    clientAddress: (c) => c.req.header(CLIENT_HEADER) ?? "unknown",
    now: () => now,
  });
  const res = await signup(app, { email: address }, { client: freshClient() });
  if (res.status !== 200) throw new Error(`signup of ${address}: ${res.status}`);
  return { subscriberId: await subscriberId(services.ctx, EmailAddress.parse(address)) };
}

/** The confirm link in a confirmation email's text part. */
export function confirmLink(text: string | undefined): string {
  const match = /(http:\/\/localhost:3000\/confirm\?token=[A-Za-z0-9_-]+)/.exec(text ?? "");
  if (!match) throw new Error(`no confirm link in:\n${text}`);
  return match[1]!;
}

/**
 * One test file's services and app, started before its tests and stopped after, the mailbox
 * emptied before each test; with lookups by address.
 */
export function useTestbed() {
  let services: TestServices | undefined;
  let t: ReturnType<typeof testApp> | undefined;
  beforeAll(async () => {
    services = await startTestServices();
    t = testApp(services);
  });
  afterAll(async () => {
    await t?.confirmations.drained(); // the last test's emails leave before the services close
    await services?.close();
  });
  beforeEach(async () => {
    await t?.confirmations.drained(); // nothing of the last test arrives during this one
    await services?.clearMailbox();
  });
  const bed = {
    get services() {
      if (!services) throw new Error("the testbed is not started");
      return services;
    },
    get app() {
      return t!.app;
    },
    now: () => t!.now(),
    advance: (ms: number) => t!.advance(ms),
    idOf: (address: string) => subscriberId(bed.services.ctx, EmailAddress.parse(address)),
    subscriber: async (address: string) => getSubscriber(bed.services.ctx.db, await bed.idOf(address)),
    stateOf: async (address: string) => (await bed.subscriber(address))?.state,
    /** Every message sent so far, once the confirmation emails queued so far are out. */
    mailbox: async () => {
      await t!.confirmations.drained();
      return bed.services.mailbox();
    },
    /** Messages to an address, whatever the case of its spelling (after draining the outbox). */
    mailTo: async (address: string) =>
      (await bed.mailbox()).filter((m) => m.destination.to.some((to) => to.toLowerCase() === address.toLowerCase())),
    /** A link from an email, as a path the app answers. */
    path: (url: string) => url.replace(bed.services.ctx.config.publicUrl, ""),
  };
  return bed;
}
