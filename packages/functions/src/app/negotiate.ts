/**
 * HTML or JSON: the one place the app decides how to answer. Browsers get pages; API callers
 * get JSON.
 */
import type { Context as HonoContext } from "hono";
import { accepts } from "hono/accepts";

/** The request body is JSON (`application/json`, or a `+json` type). */
export const sentJson = (c: HonoContext) => /^application\/([\w.-]+\+)?json/i.test(c.req.header("content-type") ?? "");

/**
 * Whether to answer in JSON: the address names JSON (`/digests/2026-W20.json`) or is the JSON API
 * (`/api/…`), the client sent JSON, or its `Accept` header prefers JSON to HTML. Anything else (a browser, any type, no
 * `Accept` header at all) gets a page.
 *
 * @example
 * return wantsJson(c) ? c.json({ status: "unsubscribed" }) : c.html(<UnsubscribedPage />);
 */
export function wantsJson(c: HonoContext): boolean {
  if (c.req.path.endsWith(".json") || c.req.path.startsWith("/api/") || sentJson(c)) return true;
  const type = accepts(c, { header: "Accept", supports: ["text/html", "application/json"], default: "text/html" });
  return type === "application/json";
}
