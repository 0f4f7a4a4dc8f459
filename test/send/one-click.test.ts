/**
 * The List-Unsubscribe header works as mail clients use it (RFC 8058): a POST of
 * `List-Unsubscribe=One-Click` to its URL unsubscribes that reader, and the next week's send
 * skips them.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { sendInProcess } from "@tidings/core/send/in-process";
import { getSubscriber } from "@tidings/core/store/subscribers";
import { createApp } from "@tidings/functions/app/app";
import { startTestServices, type TestServices } from "../support/services.ts";
import { addReaders, storeDigest, type Reader } from "../support/sending.ts";

let services: TestServices;
let readers: Reader[];
beforeAll(async () => {
  services = await startTestServices();
  readers = await addReaders(services.ctx, 20, "oneclick");
});
afterAll(() => services.close());

it("unsubscribes the reader whose header URL is posted, and the next week skips them", async () => {
  const { ctx } = services;
  const first = await storeDigest(ctx.db, "2026-W20");
  expect((await sendInProcess(ctx, first.week)).sent).toBe(20);

  const leaving = readers[3]!;
  const mail = (await services.mailbox()).find((m) => m.destination.to[0] === leaving.email)!;
  const header = mail.headers!.find((h) => h.name === "List-Unsubscribe")!.value;
  const url = /<(https?:[^>]+)>/.exec(header)![1]!;
  const app = createApp({ ctx, clientAddress: () => "192.0.2.1" });
  const res = await app.request(url.replace(ctx.config.publicUrl, ""), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "List-Unsubscribe=One-Click",
  });
  expect(res.status).toBe(200);
  expect((await getSubscriber(ctx.db, leaving.id))?.state).toBe("unsubscribed");

  await services.clearMailbox();
  const second = await storeDigest(ctx.db, "2026-W21");
  expect(await sendInProcess(ctx, second.week)).toMatchObject({ recipients: 19, sent: 19 });
  const recipients = (await services.mailbox()).flatMap((m) => m.destination.to);
  expect(recipients).toHaveLength(19);
  expect(recipients).not.toContain(leaving.email);
});
