/**
 * Nothing of the desk or the API answers without authentication, proved by walking the app's
 * router (so a route added later is covered without anyone remembering to add it here), and
 * each way in that must fail does: forged, expired and reused links, tampered, revoked and
 * expired sessions, revoked keys, a form without its CSRF token, a cross-site form post, and a
 * session cookie on the API.
 */
import { describe, expect, it } from "vitest";
import { createApiKey, revokeApiKey } from "@tidings/core/admin/api-keys";
import { recentActions } from "@tidings/core/admin/audit";
import { newSecret } from "@tidings/core/admin/secret";
import { createApp } from "@tidings/functions/app/app";
import { EDITOR, SAME_ORIGIN, useDesk } from "./desk.ts";

const bed = useDesk();

/** A concrete path for a route pattern: each parameter filled with a plausible value. */
function concrete(path: string): string {
  return path
    .replace(/:email(\{[^}]*\})?/g, "reader%40example.com")
    .replace(/:(\w+)\{([^|}]+)[^}]*\}/g, "$2") // `:action{pause|resume}` → pause
    .replace(/:\w+/g, "0123456789abcdef")
    .replace(/\/\*$/, "");
}

const open = (path: string) => path === "/admin/sign-in" || path.startsWith("/admin/sign-in/");

describe("every desk and API route refuses without authentication", () => {
  it("walks the router", async () => {
    const routes = bed.app.routes.filter(
      (r) =>
        r.method !== "ALL" && (r.path === "/admin" || r.path.startsWith("/admin/") || r.path.startsWith("/api/v1")),
    );
    const desk = routes.filter((r) => r.path.startsWith("/admin") && !open(r.path));
    const api = routes.filter((r) => r.path.startsWith("/api/v1"));
    // The walk must see the routes there are (a broken filter would pass vacuously).
    expect(desk.length).toBeGreaterThanOrEqual(14);
    expect(api.length).toBeGreaterThanOrEqual(6);
    const before = (await recentActions(bed.ctx, bed.now())).length;
    for (const r of desk) {
      const path = concrete(r.path);
      const res = await bed.app.request(path, {
        method: r.method,
        headers: { ...SAME_ORIGIN, "content-type": "application/x-www-form-urlencoded" },
        ...(r.method === "GET" ? {} : { body: "_csrf=x&url=https%3A%2F%2Fexample.com%2F&name=x&consent=confirmed" }),
      });
      if (r.method === "GET") {
        expect([r.method, path, res.status, res.headers.get("location")]).toEqual([
          r.method,
          path,
          302,
          "/admin/sign-in",
        ]);
      } else expect([r.method, path, res.status]).toEqual([r.method, path, 401]);
    }
    for (const r of api) {
      const path = concrete(r.path);
      const res = await bed.app.request(path, {
        method: r.method,
        headers: { "content-type": "application/json" },
        ...(r.method === "GET" ? {} : { body: JSON.stringify({ url: "https://example.com/" }) }),
      });
      expect([r.method, path, res.status]).toEqual([r.method, path, 401]);
      expect(res.headers.get("www-authenticate")).toContain("Bearer");
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("api.unauthorized");
    }
    expect((await recentActions(bed.ctx, bed.now())).length).toBe(before); // nothing was done
  });

  it("an unknown desk address is not told apart from a real one", async () => {
    expect((await bed.get("/admin/no-such-page")).status).toBe(302);
  });
});

describe("sign-in links", () => {
  it("a forged link is refused, on its page and on its button", async () => {
    const forged = `/admin/sign-in?token=${newSecret()}`;
    expect((await bed.get(forged)).status).toBe(403);
    expect((await bed.pressLink(forged)).status).toBe(403);
    expect((await bed.pressLink("/admin/sign-in?token=short")).status).toBe(403);
  });

  it("a link works once", async () => {
    const link = (await bed.requestLink())!;
    expect((await bed.pressLink(link)).status).toBe(303);
    const again = await bed.pressLink(link);
    expect(again.status).toBe(403);
    expect(again.headers.get("set-cookie")).toBeNull();
    expect((await bed.get(link)).status).toBe(403);
  });

  it("a link expires after 15 minutes", async () => {
    const link = (await bed.requestLink())!;
    bed.advance(15 * 60_000 + 1_000);
    expect((await bed.pressLink(link)).status).toBe(403);
  });
});

describe("sessions", () => {
  it("a tampered cookie signs nobody in", async () => {
    const who = await bed.session();
    const value = who.cookie.split("=")[1]!;
    const tampered = `tidings_session=${value.slice(0, -1)}${value.endsWith("A") ? "B" : "A"}`;
    expect((await bed.get("/admin", { ...who, cookie: tampered })).status).toBe(302);
    expect((await bed.get("/admin", who)).status).toBe(200);
  });

  it("signing out ends the session; signing out everywhere ends them all", async () => {
    const one = await bed.session();
    expect((await bed.post("/admin/sign-out", one)).status).toBe(303);
    expect((await bed.get("/admin", one)).status).toBe(302);

    const a = await bed.session();
    const b = await bed.session();
    expect((await bed.post("/admin/sign-out/everywhere", a)).status).toBe(303);
    expect((await bed.get("/admin", a)).status).toBe(302);
    expect((await bed.get("/admin", b)).status).toBe(302);
  });

  it("a session ends after 12 hours", async () => {
    const who = await bed.session();
    bed.advance(12 * 60 * 60_000 - 60_000);
    expect((await bed.get("/admin", who)).status).toBe(200);
    bed.advance(61_000);
    expect((await bed.get("/admin", who)).status).toBe(302);
  });

  it("an editor taken out of ADMIN_EMAILS is out at once", async () => {
    const who = await bed.session();
    const without = createApp({
      ctx: { ...bed.ctx, config: { ...bed.ctx.config, adminEmails: ["someone-else@example.com"] } },
      clientAddress: () => "192.0.2.200",
      now: () => bed.now(),
    });
    expect((await without.request("/admin", { headers: { cookie: who.cookie } })).status).toBe(302);
  });
});

describe("forms", () => {
  it("a form post without its session's CSRF token is refused", async () => {
    const who = await bed.session();
    const other = await bed.session();
    expect((await bed.post("/admin/keys", who, { name: "no token", _csrf: "" })).status).toBe(403);
    expect((await bed.post("/admin/keys", who, { name: "wrong token", _csrf: newSecret() })).status).toBe(403);
    expect((await bed.post("/admin/keys", who, { name: "other's token", _csrf: other.csrf })).status).toBe(403);
    expect((await bed.post("/admin/keys", who, { name: "right token" })).status).toBe(200);
  });

  it("a cross-site form post is refused even with the session and its token", async () => {
    const who = await bed.session();
    const crossSite = { origin: "https://evil.example", "sec-fetch-site": "cross-site" };
    expect((await bed.post("/admin/sign-out", who, {}, crossSite)).status).toBe(403);
    expect((await bed.post("/admin/sign-out", who, {}, {})).status).toBe(403); // no Origin at all
    expect((await bed.get("/admin", who)).status).toBe(200); // still signed in
  });
});

describe("API keys", () => {
  it("a key authorises the API; revoked, it does not", async () => {
    const { key, apiKey } = await createApiKey(bed.ctx, "test", EDITOR, bed.now());
    expect((await bed.api("/subscribers", key)).status).toBe(200);
    expect((await bed.api("/subscribers", key.slice(0, -1) + (key.endsWith("A") ? "B" : "A"))).status).toBe(401);
    await revokeApiKey(bed.ctx, apiKey.id, EDITOR, bed.now());
    expect((await bed.api("/subscribers", key)).status).toBe(401);
  });

  it("a session cookie never authorises an API request, nor a key the desk", async () => {
    const who = await bed.session();
    const res = await bed.app.request("/api/v1/subscribers", { headers: { cookie: who.cookie } });
    expect(res.status).toBe(401);
    const { key } = await createApiKey(bed.ctx, "not for the desk", EDITOR, bed.now());
    expect((await bed.app.request("/admin", { headers: { authorization: `Bearer ${key}` } })).status).toBe(302);
  });
});
