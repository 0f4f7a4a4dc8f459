/** `/api/v1/feeds`: the registry (GET), adding a feed after fetching and parsing it (POST `{ url }`), removing one. */
import { Hono } from "hono";
import { z } from "zod";
import { dashboard, type FeedHealth } from "@tidings/core/admin/dashboard";
import { TidingsError } from "@tidings/core/error";
import { addFeed, changeFeed } from "@tidings/core/feed/registry";
import { actor } from "../../auth.ts";
import type { AppEnv } from "../../env.ts";

const view = (f: FeedHealth) => ({
  id: f.feedKey,
  url: f.source,
  title: f.title,
  status: f.status,
  lastSuccessAt: f.lastSuccessAt ?? null,
  lastError: f.lastError ?? null,
  failingSince: f.failingSince ?? null,
  itemsLastFourWeeks: f.itemsLastFourWeeks,
});

const NewFeed = z.object({ url: z.string().trim().min(1).max(2048) });

export const feedsApi = new Hono<AppEnv>()
  .get("/", async (c) => c.json({ items: (await dashboard(c.var.ctx, c.var.now())).feeds.map(view) }))
  .post("/", async (c) => {
    const body = NewFeed.safeParse(await c.req.json().catch(() => undefined));
    if (!body.success) throw new TidingsError("invalid", "api.feed_url", 'Send { "url": "https://…" }.');
    const { feed } = await addFeed(c.var.ctx, body.data.url, actor(c), c.var.now());
    const added = (await dashboard(c.var.ctx, c.var.now())).feeds.find((f) => f.feedKey === feed.feedKey)!;
    return c.json(view(added), 201);
  })
  .delete("/:id", async (c) => {
    await changeFeed(c.var.ctx, c.req.param("id"), "remove", actor(c), c.var.now());
    return c.body(null, 204);
  });
