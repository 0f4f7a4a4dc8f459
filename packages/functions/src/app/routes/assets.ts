import { Hono, type Context } from "hono";
import type { AppEnv } from "../env.ts";
import { deskStylesheet } from "../pages/admin/style.ts";
import { stylesheet } from "../pages/style.ts";

const css = (body: string) => (c: Context<AppEnv>) => {
  c.header("cache-control", "public, max-age=3600");
  return c.body(body, 200, { "content-type": "text/css; charset=utf-8" });
};

export const assets = new Hono<AppEnv>().get("/style.css", css(stylesheet)).get("/desk.css", css(deskStylesheet));
