import type { Context as HonoContext } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { isTidingsError } from "@tidings/core/error";
import { log } from "@tidings/core/log";
import { MessagePage } from "./pages/layout.tsx";

const wantsJson = (c: HonoContext) =>
  (c.req.header("accept") ?? "").includes("application/json") ||
  (c.req.header("content-type") ?? "").includes("application/json");

/** Answers in the client's language: JSON for API callers, a page for browsers. */
export function errorResponse(c: HonoContext, status: ContentfulStatusCode, code: string, message: string) {
  if (wantsJson(c)) return c.json({ error: { code, message } }, status);
  const title =
    status === 404
      ? "Not found"
      : status === 413
        ? "Too large"
        : status === 429
          ? "Too many requests"
          : "Something is wrong";
  return c.html(
    <MessagePage title={title} message={message} link={{ href: "/", label: "Back to the front page" }} />,
    status,
  );
}

/** The one error handler: user-facing errors become 4xx; anything else is logged and a plain 500. */
export function onError(err: Error, c: HonoContext) {
  if (isTidingsError(err)) return errorResponse(c, err.status as ContentfulStatusCode, err.code, err.message);
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
