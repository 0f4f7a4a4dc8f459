/**
 * The editor's desk under /admin: the sign-in pages are open; every other route is behind a
 * session and, when it changes anything, that session's CSRF token. Cross-site form posts are
 * refused before anything else (Hono's csrf middleware: Origin or Sec-Fetch-Site must be ours).
 * A route added to any file below is protected by being mounted after `requireSession`
 * (test/admin/auth.test.ts walks the router to prove it).
 */
import { Hono, type Context as HonoContext } from "hono";
import { csrf } from "hono/csrf";
import { requireCsrfToken, requireSession } from "../../auth.ts";
import type { AppEnv } from "../../env.ts";
import { importBodyLimit } from "../imports.ts";
import { auditRoutes } from "./audit.tsx";
import { correctionRoutes } from "./corrections.tsx";
import { dashboardRoutes } from "./dashboard.tsx";
import { digestRoutes } from "./digests.tsx";
import { feedRoutes } from "./feeds.tsx";
import { keyRoutes } from "./keys.tsx";
import { sessionRoutes } from "./session.tsx";
import { signInRoutes } from "./sign-in.tsx";
import { subscriberRoutes } from "./subscribers.tsx";

/** Our own origin: the address the request reached, or the public URL a proxy serves it under. */
const ours = (origin: string, c: HonoContext) => {
  const { ctx } = (c as HonoContext<AppEnv>).var;
  return origin === new URL(c.req.url).origin || origin === new URL(ctx.config.publicUrl || c.req.url).origin;
};

export const desk = new Hono<AppEnv>()
  .use(csrf({ origin: ours }))
  .route("/sign-in", signInRoutes)
  // Everything below needs a session (registered after the sign-in pages, which answer first).
  .use(requireSession)
  .use("/subscribers/import", importBodyLimit)
  .use(requireCsrfToken)
  .route("/", sessionRoutes)
  .route("/", dashboardRoutes)
  .route("/subscribers", subscriberRoutes)
  .route("/feeds", feedRoutes)
  .route("/keys", keyRoutes)
  .route("/audit", auditRoutes)
  .route("/digests", digestRoutes)
  .route("/corrections", correctionRoutes);
