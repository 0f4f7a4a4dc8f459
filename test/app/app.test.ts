import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Hono } from "hono";
import { TidingsError } from "@tidings/core/error";
import { createApp, MAX_BODY_BYTES } from "@tidings/functions/app/app";
import type { AppEnv } from "@tidings/functions/app/env";
import { startTestServices, type TestServices } from "../support/services.ts";

let services: TestServices;
let app: Hono<AppEnv>;

beforeAll(async () => {
  services = await startTestServices();
  app = createApp({ ctx: services.ctx, clientAddress: () => "203.0.113.7" });
  // Routes that fail on purpose, to exercise the one error handler.
  app.get("/test/refused", () => {
    throw new TidingsError("invalid", "test.refused", "That will not do.");
  });
  app.get("/test/crash", () => {
    throw new Error("secret internals: table tidings-test");
  });
});
afterAll(() => services.close());

describe("the app", () => {
  it("answers /health with 200 and strict security headers", async () => {
    const res = await app.request("/health");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
  });

  it("serves the stylesheet the CSP allows", async () => {
    const res = await app.request("/assets/style.css");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/css");
    expect(await res.text()).toContain("prefers-color-scheme: dark");
  });

  it("answers an unknown path with a 404 page, or JSON when asked", async () => {
    const page = await app.request("/no/such/page");
    expect(page.status).toBe(404);
    const html = await page.text();
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain("There is no page at this address.");

    const json = await app.request("/no/such/page", { headers: { accept: "application/json" } });
    expect(json.status).toBe(404);
    expect(await json.json()).toEqual({
      error: { code: "http.not_found", message: "There is no page at this address." },
    });
  });

  it("answers errors in JSON when the client asks for it, and with a page otherwise", async () => {
    const cases: [string, Record<string, string>, "json" | "page"][] = [
      ["no Accept header", {}, "page"],
      ["curl's */*", { accept: "*/*" }, "page"],
      ["a browser", { accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" }, "page"],
      ["JSON only", { accept: "application/json" }, "json"],
      ["JSON preferred", { accept: "text/html;q=0.5, application/json" }, "json"],
      ["HTML preferred", { accept: "application/json;q=0.2, text/html" }, "page"],
      ["a JSON body", { "content-type": "application/json" }, "json"],
      ["a +json body", { "content-type": "application/merge-patch+json; charset=utf-8" }, "json"],
    ];
    for (const [who, headers, answer] of cases) {
      const res = await app.request("/test/refused", { headers });
      expect(res.status, who).toBe(400);
      const type = res.headers.get("content-type") ?? "";
      if (answer === "json") {
        expect(type, who).toMatch(/^application\/json/);
        expect(await res.json(), who).toEqual({ error: { code: "test.refused", message: "That will not do." } });
      } else {
        expect(type, who).toMatch(/^text\/html/);
        expect(await res.text(), who).toContain("That will not do.");
      }
    }
    // An address that names JSON is answered in JSON, whatever the headers.
    const named = await app.request("/no/such/page.json", { headers: { accept: "text/html" } });
    expect(named.status).toBe(404);
    expect(await named.json()).toEqual({
      error: { code: "http.not_found", message: "There is no page at this address." },
    });
  });

  it("maps a user-facing error to its 4xx", async () => {
    const res = await app.request("/test/refused", { headers: { accept: "application/json" } });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: "test.refused", message: "That will not do." } });
  });

  it("answers anything else with a plain 500 that leaks nothing", async () => {
    const res = await app.request("/test/crash");
    expect(res.status).toBe(500);
    const body = await res.text();
    expect(body).toBe("Internal Server Error");
    expect(body).not.toContain("secret");
  });

  it("refuses a body over the limit with 413 before reading it", async () => {
    const res = await app.request("/health", {
      method: "POST",
      body: "x".repeat(MAX_BODY_BYTES + 1),
      headers: { "content-type": "text/plain", accept: "application/json" },
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("http.body_too_large");
  });

  it("links to the address it was reached by when deployed without PUBLIC_URL", async () => {
    const ctx = { ...services.ctx, config: { ...services.ctx.config, publicUrl: "" } };
    const bare = createApp({ ctx, clientAddress: () => "203.0.113.7" });
    bare.get("/test/public-url", (c) => c.text(c.var.ctx.config.publicUrl));
    const res = await bare.request("https://abc123.lambda-url.eu-west-1.on.aws/test/public-url");
    expect(await res.text()).toBe("https://abc123.lambda-url.eu-west-1.on.aws");
  });
});
