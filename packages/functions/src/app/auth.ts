/**
 * Who may use the desk and the API. Three middlewares, and nothing else decides it:
 * - `requireSession`: the desk's pages need a live editor's session (a cookie naming a server-side
 *   session: admin/sessions.ts); without one, a GET is sent to sign in and anything else gets 401;
 * - `requireCsrfToken`: every state-changing form of a session carries that session's token;
 * - `requireApiKey`: `/api/v1/*` takes `Authorization: Bearer KEY` and nothing else (a session
 *   cookie never authorises an API request). The review work's `/api/v1/digests/*` mounts behind it.
 * Cross-site form posts to the desk are refused before any of them (Hono's csrf middleware on
 * Origin and Sec-Fetch-Site: routes/admin/index.ts).
 */
import type { Context as HonoContext } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { verifyApiKey } from "@tidings/core/admin/api-keys";
import { sameSecret } from "@tidings/core/admin/secret";
import { SESSION_TTL_MS, sessionOf } from "@tidings/core/admin/sessions";
import { TidingsError } from "@tidings/core/error";
import type { AppEnv } from "./env.ts";

const COOKIE = "tidings_session";

/** `Secure` and the `__Host-` prefix whenever the public URL is https (locally it is http). */
const cookieOptions = (c: HonoContext<AppEnv>) => {
  const https = c.var.ctx.config.publicUrl.startsWith("https:");
  return https ? ({ secure: true, prefix: "host" } as const) : ({ secure: false } as const);
};

/** The session cookie's value, if the request carries one. */
export const sessionCookie = (c: HonoContext<AppEnv>): string | undefined =>
  getCookie(c, COOKIE, cookieOptions(c).secure ? "host" : undefined);

export function setSessionCookie(c: HonoContext<AppEnv>, token: string): void {
  setCookie(c, COOKIE, token, {
    ...cookieOptions(c),
    httpOnly: true,
    sameSite: "Strict",
    path: "/",
    maxAge: SESSION_TTL_MS / 1000,
  });
}

export function clearSessionCookie(c: HonoContext<AppEnv>): void {
  deleteCookie(c, COOKIE, { ...cookieOptions(c), path: "/" });
}

const unauthorised = () =>
  new TidingsError("unauthorized", "admin.signed_out", "Sign in to the desk first: /admin/sign-in");

/** The desk's pages: a live session, or a way to sign in. Desk pages are never cached. */
export const requireSession = createMiddleware<AppEnv>(async (c, next) => {
  const session = await sessionOf(c.var.ctx, sessionCookie(c), c.var.now());
  if (!session) {
    if (c.req.method === "GET" || c.req.method === "HEAD") return c.redirect("/admin/sign-in", 302);
    throw unauthorised();
  }
  c.set("session", session);
  await next();
  c.header("cache-control", "no-store");
});

/** Every state-changing request of a session carries its CSRF token (`_csrf` form field). */
export const requireCsrfToken = createMiddleware<AppEnv>(async (c, next) => {
  if (c.req.method !== "GET" && c.req.method !== "HEAD") {
    const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const token = body._csrf;
    if (typeof token !== "string" || !sameSecret(token, c.var.session.csrf)) {
      throw new TidingsError(
        "forbidden",
        "admin.csrf",
        "This form has expired or did not come from the desk. Go back, reload the page and try again.",
      );
    }
  }
  await next();
});

/** `/api/v1/*`: a live API key as a bearer token, and nothing else. */
export const requireApiKey = createMiddleware<AppEnv>(async (c, next) => {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header("authorization") ?? "")?.[1];
  const apiKey = bearer ? await verifyApiKey(c.var.ctx, bearer, c.var.now()) : undefined;
  if (!apiKey) {
    c.header("www-authenticate", 'Bearer realm="tidings"');
    throw new TidingsError("unauthorized", "api.unauthorized", "This API needs an API key: Authorization: Bearer KEY.");
  }
  c.set("apiKey", apiKey);
  await next();
  c.header("cache-control", "no-store");
});

/** Who did it, for the audit log: the editor, or the API key. */
export const actor = (c: HonoContext<AppEnv>): string =>
  c.var.apiKey ? `api-key:${c.var.apiKey.name}` : c.var.session.editor;
