import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { handleSesNotifications } from "@tidings/core/email/ses-events";
import { snsEvent } from "../support/events.ts";
import { repoRoot } from "../support/processes.ts";
import { confirmLink, freshClient, signup, useTestbed } from "../support/testbed.ts";

const bed = useTestbed();

const fixture = (name: string, recipient: string) =>
  JSON.parse(readFileSync(join(repoRoot, "test/fixtures/ses", name), "utf8").replaceAll("RECIPIENT", recipient));
const deliver = (...records: unknown[]) =>
  handleSesNotifications(bed.services.ctx, snsEvent("SesEvents", records, bed.now()), bed.now());
const mailCount = async (address: string) =>
  (await bed.mailbox()).filter((m) => m.destination.to.includes(address)).length;

async function activeReader(address: string) {
  await signup(bed.app, { email: address }, { client: freshClient() });
  const mail = (await bed.mailbox()).find((m) => m.destination.to.includes(address));
  await bed.app.request(confirmLink(mail?.body.text).replace("http://localhost:3000", ""));
  expect(await bed.stateOf(address)).toBe("active");
  await bed.services.clearMailbox();
}

describe("SES bounce and complaint events", () => {
  it("suppress an active subscriber on a hard bounce; no later signup mails it", async () => {
    await activeReader("gone@example.com");
    const [outcome] = await deliver(fixture("bounce-permanent.json", "gone@example.com"));
    expect(outcome).toEqual({ event: "bounce (Permanent/General)", suppressed: [await bed.idOf("gone@example.com")] });
    expect(await bed.subscriber("gone@example.com")).toMatchObject({
      state: "suppressed",
      suppression: { kind: "bounce", detail: "Permanent/General" },
    });

    bed.advance(24 * 3600_000);
    const res = await signup(bed.app, { email: "gone@example.com" }, { client: freshClient() });
    expect(res.status).toBe(200);
    expect(await mailCount("gone@example.com")).toBe(0);
    expect(await bed.stateOf("gone@example.com")).toBe("suppressed");
  });

  it("suppress a pending address on a complaint about its confirmation email", async () => {
    await signup(bed.app, { email: "annoyed@example.com" }, { client: freshClient() });
    const [invite] = await bed.mailbox();
    const [outcome] = await deliver(fixture("complaint.json", "annoyed@example.com"));
    expect(outcome).toEqual({ event: "complaint (abuse)", suppressed: [await bed.idOf("annoyed@example.com")] });

    // The link in that email no longer subscribes, and asking again sends nothing.
    const res = await bed.app.request(confirmLink(invite?.body.text).replace("http://localhost:3000", ""));
    expect(res.status).toBe(403);
    expect(await bed.stateOf("annoyed@example.com")).toBe("suppressed");
    await bed.services.clearMailbox();
    bed.advance(3600_000);
    await signup(bed.app, { email: "annoyed@example.com" }, { client: freshClient() });
    expect(await mailCount("annoyed@example.com")).toBe(0);
  });

  it("suppress an address never seen before, so its first signup sends nothing", async () => {
    await deliver(fixture("bounce-permanent.json", "Stranger@Example.com"));
    await signup(bed.app, { email: "stranger@example.com" }, { client: freshClient() });
    expect(await bed.mailbox()).toHaveLength(0);
  });

  it("ignore soft bounces of mail that was no digest, deliveries and records that are not SES events", async () => {
    await activeReader("full-mailbox@example.com");
    const outcomes = await deliver(
      fixture("bounce-transient.json", "full-mailbox@example.com"),
      fixture("delivery.json", "full-mailbox@example.com"),
      { hello: "world" },
    );
    expect(outcomes).toEqual([
      {
        event: "bounce (Transient/MailboxFull)",
        suppressed: [],
        ignored: "a soft bounce of a message that was not a digest",
      },
      { event: "Delivery", suppressed: [], ignored: "neither a bounce nor a complaint" },
      { event: "unknown", suppressed: [], ignored: "neither a bounce nor a complaint" },
    ]);
    expect(await bed.stateOf("full-mailbox@example.com")).toBe("active");
  });

  it("are idempotent: SNS may deliver a record twice", async () => {
    const record = fixture("complaint.json", "twice@example.com");
    const outcomes = await deliver(record, record);
    expect(outcomes.map((o) => o.suppressed.length)).toEqual([1, 0]);
    expect(await bed.stateOf("twice@example.com")).toBe("suppressed");
  });
});
