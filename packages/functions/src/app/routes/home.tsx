import { Hono } from "hono";
import { latestDigestWeek } from "@tidings/core/store/latest-digest";
import type { AppEnv } from "../env.ts";
import { LandingPage } from "../pages/subscription.tsx";
import { coveredThemes } from "../pages/themes.ts";

/** The landing page: name, what it covers, a sample issue, the form. */
export const home = new Hono<AppEnv>().get("/", async (c) => {
  const latestWeek = await latestDigestWeek(c.var.ctx.db).catch((error: unknown) => {
    // The form matters more than the sample link: show the page anyway.
    c.var.ctx.log.warn("landing page: could not look up the latest digest", { error });
    return undefined;
  });
  return c.html(<LandingPage themes={coveredThemes()} latestWeek={latestWeek} />);
});
