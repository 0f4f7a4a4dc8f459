import { Hono } from "hono";
import { checkUnsubscribeToken, unsubscribe as leave } from "@tidings/core/subscription/unsubscribe";
import type { AppEnv } from "../env.ts";
import { wantsJson } from "../negotiate.ts";
import { UnsubscribedPage, UnsubscribePage } from "../pages/subscription.tsx";
import { linkToken, refuseLink } from "./link-token.tsx";
import { tokenPage } from "./token-pages.ts";

/**
 * GET shows one button and changes nothing (mail scanners fetch links). POST unsubscribes at
 * once: the page's button, and RFC 8058 one-click (`List-Unsubscribe=One-Click`) from mail
 * clients, both answered 200. Idempotent.
 */
export const unsubscribe = new Hono<AppEnv>()
  .use(tokenPage)
  .get("/", linkToken, (c) => {
    const { token } = c.req.valid("query");
    try {
      checkUnsubscribeToken(c.var.ctx, token, c.var.now());
    } catch (e) {
      return refuseLink(c, e, "unsubscribe");
    }
    return c.html(<UnsubscribePage token={token} />);
  })
  .post("/", linkToken, async (c) => {
    const { token } = c.req.valid("query");
    try {
      await leave(c.var.ctx, token, c.var.now());
    } catch (e) {
      return refuseLink(c, e, "unsubscribe");
    }
    if (wantsJson(c)) return c.json({ status: "unsubscribed" });
    return c.html(<UnsubscribedPage />);
  });
