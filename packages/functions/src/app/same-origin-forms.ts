/**
 * Forms are posted from our own pages only: a browser POST of a form (urlencoded, multipart or
 * text/plain) whose `Origin` or `Sec-Fetch-Site` says another site sent it is refused with
 * 403, so no web page can sign its visitors' addresses up. Hono's csrf middleware decides;
 * our own origin is the request's and PUBLIC_URL's (the app behind a CDN or domain of its own).
 *
 * Left alone: requests no browser sent (neither header: curl, a mail provider's RFC 8058
 * one-click POST), JSON (a browser cannot send it cross-site without a CORS preflight we never
 * answer), and `/unsubscribe`, whose personal token no other site can know.
 */
import { csrf } from "hono/csrf";
import { createMiddleware } from "hono/factory";
import { HTTPException } from "hono/http-exception";
import { TidingsError } from "@tidings/core/error";
import type { AppEnv } from "./env.ts";

const tokenGuarded = new Set(["/unsubscribe"]);

export const sameOriginForms = createMiddleware<AppEnv>(async (c, next) => {
  const fromBrowser = c.req.header("origin") !== undefined || c.req.header("sec-fetch-site") !== undefined;
  if (!fromBrowser || tokenGuarded.has(c.req.path)) return next();
  const publicOrigin = c.var.ctx.config.publicUrl ? new URL(c.var.ctx.config.publicUrl).origin : undefined;
  const check = csrf({ origin: (origin) => origin === new URL(c.req.url).origin || origin === publicOrigin });
  try {
    await check(c, next);
  } catch (e) {
    if (!(e instanceof HTTPException) || e.status !== 403) throw e;
    throw new TidingsError(
      "forbidden",
      "http.cross_origin",
      "This form can only be sent from this site's own pages. Open the page and send it from there.",
      { cause: e },
    );
  }
});
