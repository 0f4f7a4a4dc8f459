import { Hono } from "hono";
import { checkConfirmToken, confirmSubscription } from "@tidings/core/subscription/confirm";
import { preferencesUrl } from "@tidings/core/subscription/links";
import type { AppEnv } from "../env.ts";
import { wantsJson } from "../negotiate.ts";
import { WelcomePage } from "../pages/subscription.tsx";
import { linkToken, localPath, refuseLink } from "./link-token.tsx";
import { tokenPage } from "./token-pages.ts";

/** The double opt-in link: one click confirms (a second click says so again). */
export const confirm = new Hono<AppEnv>().get("/", tokenPage, linkToken, async (c) => {
  const { token } = c.req.valid("query");
  // Mail scanners send HEAD to every link: it says whether the link is good, and confirms nobody.
  if (c.req.method === "HEAD") {
    try {
      checkConfirmToken(c.var.ctx, token, c.var.now());
      return c.body(null, 200);
    } catch (e) {
      return refuseLink(c, e, "confirm");
    }
  }
  try {
    const { status, subscriberId } = await confirmSubscription(
      c.var.ctx,
      token,
      { clientAddress: c.var.clientAddress, userAgent: (c.req.header("user-agent") ?? "").slice(0, 512) },
      c.var.now(),
    );
    if (wantsJson(c)) return c.json({ status });
    const preferences = localPath(preferencesUrl(c.var.ctx.config, { id: subscriberId }));
    return c.html(<WelcomePage already={status === "already"} preferences={preferences} />);
  } catch (e) {
    return refuseLink(c, e, "confirm");
  }
});
