/**
 * The JSON API under /api/v1: every route behind `requireApiKey` (a bearer API key, nothing else).
 * Later resources (the review work's `/digests`) mount here with `.route()` and are covered alike.
 */
import { Hono } from "hono";
import { actor, requireApiKey } from "../../auth.ts";
import type { AppEnv } from "../../env.ts";
import { csvExport } from "../readers-io.ts";
import { digestsApi } from "./digests.ts";
import { feedsApi } from "./feeds.ts";
import { subscribersApi } from "./subscribers.ts";

export const api = new Hono<AppEnv>()
  .use(requireApiKey)
  .get("/subscribers.csv", (c) => csvExport(c, actor(c)))
  .route("/subscribers", subscribersApi)
  .route("/feeds", feedsApi)
  .route("/digests", digestsApi);
