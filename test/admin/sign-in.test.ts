import { describe, expect, it } from "vitest";
import { EDITOR, SAME_ORIGIN, useDesk } from "./desk.ts";

const bed = useDesk();

describe("signing in to the desk", () => {
  it("signed out, /admin sends to the sign-in page", async () => {
    const res = await bed.get("/admin");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/admin/sign-in");
    expect(await (await bed.get("/admin/sign-in")).text()).toContain('name="email"');
  });

  it("answers every address the same, and only an editor gets an email", async () => {
    const ask = (email: string) =>
      bed.app.request("/admin/sign-in", {
        method: "POST",
        headers: { ...SAME_ORIGIN, "content-type": "application/json", "x-test-client": bed.client() },
        body: JSON.stringify({ email }),
      });
    await bed.services.clearMailbox();
    const editor = await ask(EDITOR.toUpperCase());
    const stranger = await ask("stranger@example.com");
    expect(editor.status).toBe(200);
    expect(await editor.json()).toEqual(await stranger.json());
    const mail = await bed.mailbox();
    expect(mail.map((m) => m.destination.to)).toEqual([[EDITOR]]);
    expect(mail[0]!.subject).toContain("Sign in");
    expect(mail[0]!.body.text).toContain("/admin/sign-in?token=");
  });

  it("the link's page shows one button and changes nothing; pressing it starts a session", async () => {
    const link = (await bed.requestLink())!;
    const page = await bed.get(link);
    expect(page.status).toBe(200);
    expect(page.headers.get("referrer-policy")).toBe("no-referrer");
    const html = await page.text();
    expect(html.match(/<button/g)).toHaveLength(1);
    // Opened twice (a mail scanner, then the editor): still good.
    expect((await bed.get(link)).status).toBe(200);
    const res = await bed.pressLink(link);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/admin");
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^tidings_session=[\w-]{43};/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Strict");
    expect(cookie).toContain("Max-Age=43200");
    const dashboard = await bed.get("/admin", { cookie: cookie.split(";")[0]!, csrf: "" });
    expect(dashboard.status).toBe(200);
    expect(await dashboard.text()).toContain("Dashboard");
  });

  it("is rate limited per client address and per address asked for", async () => {
    const client = bed.client();
    const ask = (email: string) =>
      bed.app.request("/admin/sign-in", {
        method: "POST",
        headers: {
          ...SAME_ORIGIN,
          "content-type": "application/json",
          accept: "application/json",
          "x-test-client": client,
        },
        body: JSON.stringify({ email }),
      });
    for (let i = 0; i < 5; i++) expect([i, (await ask(`someone${i}@example.com`)).status]).toEqual([i, 200]);
    const refused = await ask("someone-else@example.com");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);

    for (let i = 0; i < 5; i++) await bed.requestLink("target@example.com", bed.client());
    await expect(bed.requestLink("target@example.com", bed.client())).rejects.toThrow("answered 429");
  });

  it("sets Secure and the __Host- prefix when the public URL is https", async () => {
    const { createApp } = await import("@tidings/functions/app/app");
    const https = createApp({
      ctx: { ...bed.ctx, config: { ...bed.ctx.config, publicUrl: "https://news.example.com" } },
      clientAddress: () => bed.client(),
      now: () => bed.now(),
    });
    const link = (await bed.requestLink())!;
    const res = await https.request("/admin/sign-in/link", {
      method: "POST",
      headers: { origin: "https://news.example.com", "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token: new URL(link, "http://x").searchParams.get("token")! }).toString(),
    });
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^__Host-tidings_session=/);
    expect(cookie).toContain("Secure");
    expect(cookie).toContain("Path=/");
  });
});
