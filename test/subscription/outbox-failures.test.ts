/**
 * A confirmation that fails before SES sees it (its templates missing in a broken deploy) is not
 * dropped: the message fails, so the queue delivers it again (then dead-letters it), and the email
 * goes out once when a delivery succeeds. The renderer is broken on purpose, as faulty-ses.ts
 * breaks SES; everything else is real.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getSubscriber } from "@tidings/core/store/subscribers";
import { deliverConfirmation, localConfirmationOutbox } from "@tidings/core/subscription/confirmation-outbox";
import { startTestServices, type TestServices } from "../support/services.ts";
import { signupDue } from "../support/testbed.ts";

const renderer = vi.hoisted(() => ({ broken: false }));
vi.mock("@tidings/core/email/render", async (importOriginal) => {
  const real = await importOriginal<typeof import("@tidings/core/email/render")>();
  const missing = () => Promise.reject(new Error("templates folder not found"));
  return {
    ...real,
    renderMjml: (...args: Parameters<typeof real.renderMjml>) =>
      renderer.broken ? missing() : real.renderMjml(...args),
    renderText: (...args: Parameters<typeof real.renderText>) =>
      renderer.broken ? missing() : real.renderText(...args),
  };
});

let services: TestServices;
beforeAll(async () => {
  services = await startTestServices();
});
afterAll(() => services?.close());

const start = new Date("2026-05-18T09:00:00Z");
const mailTo = async (address: string) => (await services.mailbox()).filter((m) => m.destination.to.includes(address));

const due = (address: string) => signupDue(services, address, start);

describe("a confirmation that cannot be rendered", () => {
  it("fails its message and stays due, and a later delivery sends it once", async () => {
    const address = "render-later@example.com";
    const message = await due(address);
    renderer.broken = true;
    await expect(deliverConfirmation(services.ctx, message, start)).rejects.toThrow("templates folder not found");
    expect(await mailTo(address)).toHaveLength(0);
    // Still claimed (no second email within 10 minutes), and due for the message's next delivery.
    expect((await getSubscriber(services.ctx.db, message.subscriberId))?.confirmationSentAt).toBe(start.toISOString());

    renderer.broken = false;
    const deliveries = await Promise.all([1, 2, 3].map(() => deliverConfirmation(services.ctx, message, start)));
    expect(deliveries.sort()).toEqual(["not_due", "not_due", "sent"]);
    expect(await mailTo(address)).toHaveLength(1);
  });

  it("is delivered again by the queue, and dead-lettered while it keeps failing", async () => {
    const address = "render-never@example.com";
    const message = await due(address);
    // The email is rendered once per process and postal address: another address renders afresh.
    const ctx = { ...services.ctx, config: { ...services.ctx.config, postalAddress: "2 Other Street" } };
    renderer.broken = true;
    const outbox = localConfirmationOutbox(ctx, () => start);
    try {
      await outbox.enqueue([message]);
      await expect(outbox.drained()).rejects.toThrow("templates folder not found");
    } finally {
      renderer.broken = false;
    }
    expect(outbox.deadLetters).toEqual([message]);
    expect(await mailTo(address)).toHaveLength(0);
    // The dead letter, redriven once the deploy is fixed, sends the email.
    expect(await deliverConfirmation(ctx, message, start)).toBe("sent");
    expect(await mailTo(address)).toHaveLength(1);
  });
});
