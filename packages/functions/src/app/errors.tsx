import type { Context as HonoContext } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { isTidingsError } from "@tidings/core/error";
import { log } from "@tidings/core/log";
import { wantsJson } from "./negotiate.ts";
import { MessagePage } from "./pages/layout.tsx";

const titles: Partial<Record<number, string>> = {
  401: "Sign in first",
  404: "Not found",
  409: "Too late to change",
  413: "Too large",
  429: "Too many requests",
};

/** Answers in the client's language: JSON for API callers, a page for browsers. */
function errorResponse(c: HonoContext, status: ContentfulStatusCode, code: string, message: string) {
  // A refusal is about this request (and in its language): no cache, ours or a CDN's, keeps it.
  c.header("cache-control", "no-store");
  if (wantsJson(c)) return c.json({ error: { code, message } }, status);
  return c.html(
    <MessagePage
      title={titles[status] ?? "Something is wrong"}
      message={message}
      link={
        c.req.path.startsWith("/admin")
          ? { href: "/admin", label: "Back to the desk" }
          : { href: "/", label: "Back to the front page" }
      }
    />,
    status,
  );
}

/**
 * The one error handler: a TidingsError (or a 4xx HTTPException) becomes its 4xx, with
 * `Retry-After` when it is a rate limit; anything else is logged and answered with a plain 500.
 */
export function onError(err: Error, c: HonoContext) {
  if (isTidingsError(err)) {
    if (err.kind === "rate_limited") c.header("retry-after", String(err.data?.retryAfterSeconds ?? 60));
    return errorResponse(c, err.status as ContentfulStatusCode, err.code, err.message);
  }
  if (err instanceof HTTPException && err.status < 500) {
    return errorResponse(
      c,
      err.status as ContentfulStatusCode,
      `http.${err.status}`,
      err.message || "The request could not be handled.",
    );
  }
  log().error("unhandled error", { method: c.req.method, path: c.req.path, error: err });
  return c.text("Internal Server Error", 500);
}

export function notFound(c: HonoContext) {
  return errorResponse(c, 404, "http.not_found", "There is no page at this address.");
}
