import { Hono } from "hono";
import type { AppEnv } from "../env.ts";

/** Liveness: the process answers. (Dependencies are checked by the commands that use them.) */
export const health = new Hono<AppEnv>().get("/", (c) => c.json({ status: "ok" }));
