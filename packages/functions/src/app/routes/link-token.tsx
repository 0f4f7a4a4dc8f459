import type { Context as HonoContext } from "hono";
import { validator } from "hono/validator";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { z } from "zod";
import { isTidingsError, TidingsError } from "@tidings/core/error";
import { wantsJson } from "../negotiate.ts";
import { LinkProblemPage } from "../pages/subscription.tsx";

const titles: Record<string, string> = {
  "subscription.token_expired": "This link has expired",
  "subscription.not_pending": "This link no longer works",
};

const unsubscribeHelp =
  "This unsubscribe link is not valid: it may have been cut short or changed. Open it again from the email, copying the whole link; every email we send carries its own.";

/**
 * A confirm or unsubscribe link that cannot be used: a clear page (with the signup form after a
 * confirm link); API callers get the error from the one error handler. Anything that is not a
 * token problem is rethrown.
 */
export function refuseLink(c: HonoContext, e: unknown, purpose: "confirm" | "unsubscribe") {
  if (!isTidingsError(e) || !e.code.startsWith("subscription.")) throw e;
  const refusal =
    purpose === "unsubscribe" ? new TidingsError(e.kind, e.code, unsubscribeHelp, { data: e.data, cause: e }) : e;
  if (wantsJson(c)) throw refusal;
  const title = titles[e.code] ?? "This link is not valid";
  const page = <LinkProblemPage title={title} message={refusal.message} signup={purpose === "confirm"} />;
  return c.html(page, refusal.status as ContentfulStatusCode);
}

/** `?token=` present and token-shaped, or the invalid-link page (the error, for API callers). */
export const linkToken = validator("query", (query, c) => {
  const parsed = z.object({ token: z.string().max(200) }).safeParse(query);
  if (parsed.success) return parsed.data;
  const message = "The link has no token: copy the whole link from the email, or sign up again.";
  if (wantsJson(c)) throw new TidingsError("invalid", "subscription.token_missing", message);
  return c.html(<LinkProblemPage title="This link is not valid" message={message} />, 400);
});

/** A personal link's path and query, for a link on our own pages (the base may differ behind a proxy). */
export const localPath = (url: string) => {
  const { pathname, search } = new URL(url);
  return pathname + search;
};
