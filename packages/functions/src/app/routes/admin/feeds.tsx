/**
 * The desk's feeds: the registry (`GET /admin/feeds`), a preview before adding (`POST …/preview`:
 * fetched and parsed, nothing stored), adding (`POST /admin/feeds`), and per feed `pause`,
 * `resume`, `remove` and `fetch` (now).
 */
import { Hono } from "hono";
import { dashboard } from "@tidings/core/admin/dashboard";
import { TidingsError } from "@tidings/core/error";
import { addFeed, changeFeed, fetchFeedNow, previewFeed } from "@tidings/core/feed/registry";
import { actor } from "../../auth.ts";
import type { AppEnv } from "../../env.ts";
import { FeedPreviewPage, FeedsPage } from "../../pages/admin/feeds.tsx";
import { editorOf } from "./editor.ts";

const notices: Record<string, string> = {
  added: "The feed was added and fetched.",
  pause: "The feed is paused: ingest runs leave it alone.",
  resume: "The feed is active again.",
  remove: "The feed was removed from the registry; its items and digests stay.",
  fetch: "The feed was fetched.",
};

async function urlOf(body: Promise<Record<string, unknown>>): Promise<string> {
  const { url } = await body;
  if (typeof url !== "string" || !url.trim())
    throw new TidingsError("invalid", "feed.no_url", "Enter the feed's address.");
  return url.trim();
}

export const feedRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const { feeds } = await dashboard(c.var.ctx, c.var.now());
    return c.html(<FeedsPage feeds={feeds} notice={notices[c.req.query("done") ?? ""]} editor={editorOf(c)} />);
  })
  .post("/preview", async (c) => {
    const preview = await previewFeed(c.var.ctx, await urlOf(c.req.parseBody()));
    return c.html(<FeedPreviewPage preview={preview} editor={editorOf(c)} />);
  })
  .post("/", async (c) => {
    await addFeed(c.var.ctx, await urlOf(c.req.parseBody()), actor(c), c.var.now());
    return c.redirect("/admin/feeds?done=added", 303);
  })
  .post("/:id/:action{pause|resume|remove|fetch}", async (c) => {
    const { id, action } = c.req.param();
    if (action === "fetch") await fetchFeedNow(c.var.ctx, id, actor(c), c.var.now());
    else await changeFeed(c.var.ctx, id, action as "pause" | "resume" | "remove", actor(c), c.var.now());
    return c.redirect(`/admin/feeds?done=${action}`, 303);
  });
