import { Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { stylesheet } from "../pages/style.ts";

export const assets = new Hono<AppEnv>().get("/style.css", (c) => {
  c.header("cache-control", "public, max-age=3600");
  return c.body(stylesheet, 200, { "content-type": "text/css; charset=utf-8" });
});
