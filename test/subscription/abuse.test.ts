/**
 * The signup form tried as an attacker would (issue 13): each abuse replayed, each now failing.
 */
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { EmailAddress } from "@tidings/core/subscription/address";
import { undeliverableReason } from "@tidings/core/subscription/deliverable";
import { unsubscribeUrl } from "@tidings/core/subscription/links";
import { canonicalMailbox } from "@tidings/core/subscription/mailbox";
import { serveApp } from "@tidings/local/serve";
import { tableLines } from "../support/today-table.ts";
import { storeDigest } from "../support/sending.ts";
import { CLIENT_HEADER, confirmLink, freshClient, signup, useTestbed } from "../support/testbed.ts";

const bed = useTestbed();
const MINUTE = 60_000;

/** Confirmation emails that reached the mailbox behind `address`, whatever spelling they were sent to. */
const mailboxCount = async (address: string) =>
  (await bed.mailbox()).filter((m) => m.destination.to.some((to) => canonicalMailbox(to) === canonicalMailbox(address)))
    .length;

describe("one mailbox, many spellings", () => {
  it("canonicalises tags, case and Gmail's dots and domains, and nothing else", () => {
    expect(canonicalMailbox("Bomb+1@Example.com")).toBe("bomb@example.com");
    expect(canonicalMailbox("b.o.m.b+x@googlemail.com")).toBe("bomb@gmail.com");
    expect(canonicalMailbox("b.o.m.b@example.com")).toBe("b.o.m.b@example.com");
    expect(canonicalMailbox("+only@example.com")).toBe("+only@example.com");
  });

  it("50 signups of bomb+1 … bomb+50 from ten clients put one email in the mailbox", async () => {
    const statuses: number[] = [];
    for (let i = 1; i <= 50; i++) {
      const res = await signup(bed.app, { email: `bomb+${i}@example.com` }, { client: `192.0.2.${100 + (i % 10)}` });
      statuses.push(res.status);
    }
    expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
    expect(await mailboxCount("bomb@example.com")).toBe(1);
  });

  it("Gmail's dots and googlemail.com count as one mailbox", async () => {
    for (const email of ["g.bomb@gmail.com", "GBOMB@googlemail.com", "g.b.o.m.b+news@gmail.com", "gb.omb@gmail.com"])
      expect((await signup(bed.app, { email }, { client: freshClient() })).status).toBe(200);
    expect(await mailboxCount("gbomb@gmail.com")).toBe(1);
  });

  it("gets at most three confirmation emails in all while unconfirmed, however long it is tried", async () => {
    for (let round = 0; round < 12; round++) {
      bed.advance(11 * MINUTE);
      for (const email of ["patient@example.com", `patient+${round}@example.com`])
        expect([200, 429]).toContain((await signup(bed.app, { email }, { client: freshClient() })).status);
    }
    expect(await mailboxCount("patient@example.com")).toBe(3);
  });

  it("starts afresh once confirmed: a reader who left and signs up again gets their email", async () => {
    const address = "returning@example.com";
    await signup(bed.app, { email: address }, { client: freshClient() });
    const [mail] = await bed.mailTo(address);
    expect((await bed.app.request(bed.path(confirmLink(mail!.body.text)))).status).toBe(200);
    const leave = unsubscribeUrl(bed.services.ctx.config, { id: await bed.idOf(address) });
    expect((await bed.app.request(bed.path(leave), { method: "POST" })).status).toBe(200);
    for (let i = 0; i < 3; i++) {
      bed.advance(11 * MINUTE);
      await signup(bed.app, { email: `returning+${i}@example.com` }, { client: freshClient() });
    }
    bed.advance(11 * MINUTE);
    await signup(bed.app, { email: address }, { client: freshClient() });
    expect(await mailboxCount(address)).toBe(4); // 1 before confirming, then a fresh budget of 3
  });
});

describe("HEAD", () => {
  it("to a confirm link confirms nobody (mail scanners send HEAD)", async () => {
    const address = "scanned@example.com";
    await signup(bed.app, { email: address }, { client: freshClient() });
    const link = bed.path(confirmLink((await bed.mailTo(address))[0]!.body.text));
    const head = await bed.app.request(link, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(await bed.stateOf(address)).toBe("pending");
    expect((await bed.app.request(link)).status).toBe(200); // the reader's own click still works
    expect(await bed.stateOf(address)).toBe("active");
  });

  it("changes nothing on any route the app has", async () => {
    await storeDigest(bed.services.ctx.db, "2026-W20");
    const pending = "head-pending@example.com";
    await signup(bed.app, { email: pending }, { client: freshClient() });
    const confirm = new URL(confirmLink((await bed.mailTo(pending))[0]!.body.text)).search;
    const leave = new URL(unsubscribeUrl(bed.services.ctx.config, { id: await bed.idOf(pending) })).search;
    await bed.mailbox();

    const gets = [...new Set(bed.app.routes.filter((r) => r.method === "GET").map((r) => r.path))];
    expect(gets).toEqual(expect.arrayContaining(["/", "/confirm", "/unsubscribe", "/digests/:week"]));
    const before = await tableLines(bed.services.ctx.db);
    const mails = (await bed.mailbox()).length;
    for (const route of gets) {
      const path =
        route.replace(":week", "2026-W20") + (route === "/confirm" ? confirm : route === "/unsubscribe" ? leave : "");
      const res = await bed.app.request(path, { method: "HEAD" });
      expect(res.status, `HEAD ${path}`).toBeLessThan(500);
      expect(await res.text(), `HEAD ${path}`).toBe("");
    }
    expect(await tableLines(bed.services.ctx.db)).toEqual(before);
    expect(await bed.mailbox()).toHaveLength(mails);
    expect(await bed.stateOf(pending)).toBe("pending");
  });
});

describe("special-use domains", () => {
  it("are refused with a reason, and nothing is sent", async () => {
    for (const email of ["a@mail.invalid", "a@x.test", "a@shop.example", "a@printer.local"]) {
      const res = await signup(bed.app, { email }, { client: freshClient() });
      expect(res.status, email).toBe(400);
      expect(await res.text()).toContain("can never receive email");
      const json = await signup(bed.app, { email }, { client: freshClient(), json: true });
      expect(await json.json()).toMatchObject({ error: { code: "subscription.invalid_email" } });
    }
    for (const email of ["doc@example.com", "doc@example.net", "doc@example.org"])
      expect((await signup(bed.app, { email }, { client: freshClient() })).status, email).toBe(200);
    expect((await bed.mailbox()).map((m) => m.destination.to[0])).toEqual(
      expect.not.arrayContaining(["a@mail.invalid", "a@x.test", "a@shop.example", "a@printer.local"]),
    );
  });

  it("refuse .localhost outside the local stack only", () => {
    const address = EmailAddress.parse("editor@tidings.localhost");
    expect(undeliverableReason(address, { localStack: true })).toBeUndefined();
    expect(undeliverableReason(address, { localStack: false })).toContain(".localhost");
  });
});

describe("forms from another site", () => {
  const post = (headers: Record<string, string>, path = "/subscribe", body = "email=csrf-victim@example.com") =>
    bed.app.request(path, {
      method: "POST",
      headers: { [CLIENT_HEADER]: freshClient(), "content-type": "application/x-www-form-urlencoded", ...headers },
      body,
    });

  it("are refused, while our own pages, non-browser clients and the JSON API work", async () => {
    const refused = await post({ origin: "https://evil.example.com" });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("can only be sent from this site");
    expect((await post({ "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect((await post({ origin: "http://localhost:3000", "sec-fetch-site": "same-origin" })).status).toBe(200);
    expect((await post({ origin: "http://localhost" })).status).toBe(200);
    expect((await post({})).status).toBe(200); // curl
    expect(await bed.stateOf("csrf-victim@example.com")).toBe("pending");
    const api = await bed.app.request("/subscribe", {
      method: "POST",
      headers: {
        [CLIENT_HEADER]: freshClient(),
        "content-type": "application/json",
        origin: "https://app.example.com",
      },
      body: JSON.stringify({ email: "api-user@example.com" }),
    });
    expect(api.status).toBe(200);
  });

  it("leave RFC 8058 one-click working, from anywhere", async () => {
    const address = "one-click@example.com";
    await signup(bed.app, { email: address }, { client: freshClient() });
    await bed.app.request(bed.path(confirmLink((await bed.mailTo(address))[0]!.body.text)));
    const link = bed.path(unsubscribeUrl(bed.services.ctx.config, { id: await bed.idOf(address) }));
    expect((await post({ origin: "https://mail.example.net" }, link, "List-Unsubscribe=One-Click")).status).toBe(200);
    expect(await bed.stateOf(address)).toBe("unsubscribed");
  });
});

describe("wrong methods", () => {
  it("answer 405 with Allow; an unknown path is still 404", async () => {
    const cases: [string, string, string][] = [
      ["DELETE", "/subscribe", "POST"],
      ["POST", "/digests", "GET, HEAD"],
      ["PUT", "/confirm?token=x", "GET, HEAD"],
      ["PATCH", "/unsubscribe", "GET, HEAD, POST"],
      ["POST", "/digests/2026-W20", "GET, HEAD"],
    ];
    for (const [method, path, allow] of cases) {
      const res = await bed.app.request(path, { method });
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers.get("allow"), `${method} ${path}`).toBe(allow);
    }
    expect((await bed.app.request("/nothing-here", { method: "POST" })).status).toBe(404);
  });
});

describe("the web edition's images", () => {
  it("load over https only", async () => {
    await storeDigest(bed.services.ctx.db, "2026-W20");
    for (const path of ["/digests/2026-W20", "/digests/2026-W20/email"]) {
      const csp = (await bed.app.request(path)).headers.get("content-security-policy") ?? "";
      expect(csp).toContain("img-src https: data:;");
      expect(csp).not.toMatch(/img-src[^;]*http:/);
    }
  });
});

describe("the local app", () => {
  it("listens on 127.0.0.1 unless told otherwise", async () => {
    const server = await serveApp(bed.services.ctx, 0);
    try {
      expect((server.address() as AddressInfo).address).toBe("127.0.0.1");
    } finally {
      server.close();
    }
  });
});
