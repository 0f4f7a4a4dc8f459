import { describe, expect, it } from "vitest";
import { confirmUrl, unsubscribeUrl } from "@tidings/core/subscription/links";
import { issueToken } from "@tidings/core/subscription/token";
import { confirmLink, freshClient, signup, useTestbed } from "../support/testbed.ts";

const bed = useTestbed();

const HOURS = 3600_000;

/** Signs up through the form and returns the path of the confirm link that arrived. */
async function signUp(address: string): Promise<string> {
  expect((await signup(bed.app, { email: address }, { client: freshClient() })).status).toBe(200);
  const mail = (await bed.mailbox()).filter((m) => m.destination.to.includes(address)).at(-1);
  return bed.path(confirmLink(mail?.body.text));
}

describe("GET /confirm", () => {
  it("activates the subscription, shows the welcome page, and is idempotent", async () => {
    const link = await signUp("confirm-me@example.com");
    const res = await bed.app.request(link, { headers: { "user-agent": "mail-client" } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Welcome aboard");
    expect(html).toContain('<a href="/digests">');
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await bed.subscriber("confirm-me@example.com")).toMatchObject({
      state: "active",
      confirmation: { at: bed.now().toISOString(), userAgent: "mail-client" },
    });

    const again = await bed.app.request(link);
    expect(again.status).toBe(200);
    expect(await again.text()).toContain("You are already subscribed");
    expect(await bed.stateOf("confirm-me@example.com")).toBe("active");
  });

  it("refuses an altered token with a clear page and a way to sign up again", async () => {
    const link = await signUp("altered@example.com");
    const token = new URL(link, "http://x").searchParams.get("token")!;
    const flipped = token.slice(0, 30) + (token[30] === "A" ? "B" : "A") + token.slice(31);
    const res = await bed.app.request(`/confirm?token=${flipped}`);
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).toContain("This link is not valid");
    expect(html).toContain('<form class="signup" method="post" action="/subscribe">');
    expect(await bed.stateOf("altered@example.com")).toBe("pending");

    for (const bad of ["/confirm", "/confirm?token=", `/confirm?token=${token}&token=${token}`]) {
      const r = await bed.app.request(bad);
      expect(r.status, bad).toBeGreaterThanOrEqual(400);
      expect(await r.text()).toContain("This link is not valid");
    }
    expect(await bed.stateOf("altered@example.com")).toBe("pending");
  });

  it("refuses a token after 48 hours, saying it expired", async () => {
    const link = await signUp("slow@example.com");
    bed.advance(48 * HOURS);
    const res = await bed.app.request(link);
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).toContain("This link has expired");
    expect(html).toContain('action="/subscribe"');
    expect(await bed.stateOf("slow@example.com")).toBe("pending");

    const json = await bed.app.request(link, { headers: { accept: "application/json" } });
    expect(await json.json()).toMatchObject({ error: { code: "subscription.token_expired" } });
  });

  it("refuses an unsubscribe token as a confirm token, and the other way round", async () => {
    await signUp("purpose@example.com");
    const id = await bed.idOf("purpose@example.com");
    const unsubscribeToken = issueToken(bed.services.ctx.config, "unsubscribe", id, bed.now());
    const res = await bed.app.request(`/confirm?token=${unsubscribeToken}`);
    expect(res.status).toBe(403);
    expect(await bed.stateOf("purpose@example.com")).toBe("pending");

    const confirmToken = issueToken(bed.services.ctx.config, "confirm", id, bed.now());
    for (const method of ["GET", "POST"]) {
      const r = await bed.app.request(`/unsubscribe?token=${confirmToken}`, { method });
      expect(r.status).toBe(403);
    }
    expect(await bed.stateOf("purpose@example.com")).toBe("pending");
  });
});

describe("/unsubscribe", () => {
  async function activeReader(address: string) {
    const link = await signUp(address);
    await bed.app.request(link);
    expect(await bed.stateOf(address)).toBe("active");
    return bed.path(unsubscribeUrl(bed.services.ctx.config, { id: await bed.idOf(address) }));
  }

  it("GET shows one button and changes nothing", async () => {
    const link = await activeReader("scanned@example.com");
    for (let i = 0; i < 3; i++) {
      const res = await bed.app.request(link);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain(`<form class="unsubscribe" method="post" action="${link}">`);
      expect(html.match(/<button/g)).toHaveLength(1);
      expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    }
    expect(await bed.stateOf("scanned@example.com")).toBe("active");
  });

  it("POST unsubscribes at once, idempotently", async () => {
    const link = await activeReader("leaving@example.com");
    const res = await bed.app.request(link, { method: "POST" });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("You are unsubscribed");
    expect(await bed.stateOf("leaving@example.com")).toBe("unsubscribed");
    const again = await bed.app.request(link, { method: "POST" });
    expect(again.status).toBe(200);
    expect(await bed.stateOf("leaving@example.com")).toBe("unsubscribed");
  });

  it("answers RFC 8058 one-click with 200", async () => {
    const link = await activeReader("one-click@example.com");
    const res = await bed.app.request(link, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(res.status).toBe(200);
    expect(await bed.stateOf("one-click@example.com")).toBe("unsubscribed");
  });

  it("refuses an altered token, changing nothing", async () => {
    const link = await activeReader("kept@example.com");
    const altered = link.slice(0, -3) + (link.endsWith("AAA") ? "BBB" : "AAA");
    expect((await bed.app.request(altered, { method: "POST" })).status).toBe(403);
    const page = await bed.app.request(altered);
    expect(page.status).toBe(403);
    const html = await page.text();
    expect(html).toContain("This unsubscribe link is not valid");
    expect(html).not.toContain('action="/subscribe"');
    expect(await bed.stateOf("kept@example.com")).toBe("active");
  });

  it("lets a reader who left sign up again, with double opt-in again", async () => {
    const link = await activeReader("returning@example.com");
    await bed.app.request(link, { method: "POST" });
    await bed.services.clearMailbox();

    const confirm = await signUp("returning@example.com");
    expect(await bed.stateOf("returning@example.com")).toBe("pending");
    expect(await bed.mailbox()).toHaveLength(1);
    await bed.app.request(confirm);
    expect(await bed.stateOf("returning@example.com")).toBe("active");
  });

  it("makes a confirm link from before an unsubscribe useless", async () => {
    const old = await signUp("changed-mind@example.com");
    const link = bed.path(unsubscribeUrl(bed.services.ctx.config, { id: await bed.idOf("changed-mind@example.com") }));
    await bed.app.request(link, { method: "POST" });
    const res = await bed.app.request(old);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("This link no longer works");
    expect(await bed.stateOf("changed-mind@example.com")).toBe("unsubscribed");
  });
});

describe("personal links", () => {
  it("are built on PUBLIC_URL, and the unsubscribe URL is stable", async () => {
    const s = { id: await bed.idOf("links@example.com") };
    const cfg = bed.services.ctx.config;
    expect(unsubscribeUrl(cfg, s)).toMatch(/^http:\/\/localhost:3000\/unsubscribe\?token=[A-Za-z0-9_-]{76}$/);
    expect(unsubscribeUrl(cfg, s)).toBe(unsubscribeUrl(cfg, s));
    expect(confirmUrl(cfg, s, bed.now())).toMatch(/^http:\/\/localhost:3000\/confirm\?token=[A-Za-z0-9_-]{76}$/);
  });
});
