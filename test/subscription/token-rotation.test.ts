/**
 * Rotating the token key, as the README's procedure does it: links issued with key A; then B
 * signs with A kept as previous (A's links still work, new ones carry B's id); then A is retired
 * (its links are refused). Every subscriber stays reachable and the same subscriber throughout.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Context } from "@tidings/core/context";
import { sendInProcess } from "@tidings/core/send/in-process";
import { getSubscriber } from "@tidings/core/store/subscribers";
import { EmailAddress } from "@tidings/core/subscription/address";
import { tokenKey } from "@tidings/core/subscription/keys";
import { subscriberId } from "@tidings/core/subscription/subscriber";
import { confirmLink, signup, testApp } from "../support/testbed.ts";
import { storeDigest } from "../support/sending.ts";
import { startTestServices, type TestServices } from "../support/services.ts";
import { processWith } from "../support/today-table.ts";

const readers = ["rot.one@example.com", "Rot.Two@example.org", "rot3@example.net"];
const A = "token-key-A";
const B = "token-key-B";
let services: TestServices;

beforeAll(async () => {
  services = await startTestServices({ TOKEN_SECRET: A });
  await storeDigest(services.ctx.db, "2026-W20");
  await storeDigest(services.ctx.db, "2026-W21");
}, 60_000);
afterAll(() => services.close());

const tokenOf = (link: string) => new URL(link).searchParams.get("token")!;
const keyIdOf = (link: string) => Buffer.from(tokenOf(link), "base64url").subarray(1, 4);
const path = (link: string) => link.replace("http://localhost:3000", "");

/** Each reader's unsubscribe link, from the digest of `week` sent by this process. */
async function send(ctx: Context, week: string): Promise<Map<string, string>> {
  await services.clearMailbox();
  const summary = await sendInProcess(ctx, week, { consumers: 1 });
  expect(summary.sent).toBe(readers.length);
  const links = new Map<string, string>();
  for (const mail of await services.mailbox()) {
    const list = mail.headers?.find((h) => h.name === "List-Unsubscribe")?.value ?? "";
    links.set(mail.destination.to[0]!.toLowerCase(), /<(http[^>]+)>/.exec(list)![1]!);
  }
  return links;
}

async function ids(ctx: Context) {
  return Promise.all(readers.map((r) => subscriberId(ctx, EmailAddress.parse(r))));
}

describe("rotating the token key", () => {
  it("keeps old links working while A is previous, refuses them once A is retired, and never changes a reader", async () => {
    // Key A: readers sign up and confirm; the W20 digest goes out.
    const withA = processWith(services, { TOKEN_SECRET: A });
    const appA = testApp({ ...services, ctx: withA });
    for (const [i, r] of readers.entries()) {
      expect((await signup(appA.app, { email: r }, { client: `192.0.2.${i + 1}` })).status).toBe(200);
    }
    await appA.confirmations.drained();
    for (const mail of await services.mailbox()) {
      expect((await appA.app.request(path(confirmLink(mail.body.text)))).status).toBe(200);
    }
    const idsA = await ids(withA);
    const linksA = await send(withA, "2026-W20");
    for (const link of linksA.values()) expect(keyIdOf(link)).toEqual(tokenKey(A).id);

    // B signs, A still verifies.
    const rotating = processWith(services, { TOKEN_SECRET: B, TOKEN_SECRET_PREVIOUS: A });
    const appB = testApp({ ...services, ctx: rotating });
    expect(await ids(rotating)).toEqual(idsA);
    for (const link of linksA.values()) expect((await appB.app.request(path(link))).status).toBe(200);
    const linksB = await send(rotating, "2026-W21");
    for (const link of linksB.values()) expect(keyIdOf(link)).toEqual(tokenKey(B).id);

    // A retired: its links are refused, B's work, and everyone is who they were.
    const retired = processWith(services, { TOKEN_SECRET: B });
    const app = testApp({ ...services, ctx: retired });
    expect(await ids(retired)).toEqual(idsA);
    for (const link of linksA.values()) expect((await app.app.request(path(link))).status).toBe(403);
    for (const link of linksB.values()) expect((await app.app.request(path(link))).status).toBe(200);
    for (const id of idsA) expect((await getSubscriber(retired.db, id))?.state).toBe("active");

    // A reader signing up again is the same subscriber: still active, nothing sent.
    await services.clearMailbox();
    expect((await signup(app.app, { email: readers[1]!.toUpperCase() }, { client: "192.0.2.9" })).status).toBe(200);
    await app.confirmations.drained();
    expect(await services.mailbox()).toHaveLength(0);

    // One-click with B's link still unsubscribes the right reader.
    const two = linksB.get(readers[1]!.toLowerCase())!;
    expect((await app.app.request(path(two), { method: "POST", body: "List-Unsubscribe=One-Click" })).status).toBe(200);
    expect((await getSubscriber(retired.db, idsA[1]!))?.state).toBe("unsubscribed");
  }, 60_000);
});
