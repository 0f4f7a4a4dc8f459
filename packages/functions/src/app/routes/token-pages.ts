import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env.ts";

/**
 * Pages reached through a personal link: the token must not leak through the Referer header,
 * a shared cache or a search index.
 */
export const tokenPage = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  c.header("referrer-policy", "no-referrer");
  c.header("cache-control", "no-store");
  c.header("x-robots-tag", "noindex");
});
