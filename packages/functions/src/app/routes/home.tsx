import { Hono } from "hono";
import { latestDigest } from "@tidings/core/store/digests";
import { themes } from "@tidings/core/theme/themes";
import type { AppEnv } from "../env.ts";
import { cacheAs, cacheControl } from "../http-cache.ts";
import { LandingPage } from "../pages/subscription.tsx";

/** The landing page: name, what it covers (the configured themes), a sample issue, the form. */
export const home = new Hono<AppEnv>().get("/", cacheAs(cacheControl.list), async (c) => {
  const latest = await latestDigest(c.var.ctx.db).catch((error: unknown) => {
    // The form matters more than the sample link: show the page anyway.
    c.var.ctx.log.warn("landing page: could not look up the latest digest", { error });
    return undefined;
  });
  return c.html(<LandingPage themes={themes().list} latestWeek={latest?.week} />);
});
