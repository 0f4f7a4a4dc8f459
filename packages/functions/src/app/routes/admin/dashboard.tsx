/** `GET /admin`: the dashboard. */
import { Hono } from "hono";
import { dashboard } from "@tidings/core/admin/dashboard";
import type { AppEnv } from "../../env.ts";
import { DashboardPage } from "../../pages/admin/dashboard.tsx";
import { editorOf } from "./editor.ts";

export const dashboardRoutes = new Hono<AppEnv>().get("/", async (c) =>
  c.html(<DashboardPage data={await dashboard(c.var.ctx, c.var.now())} editor={editorOf(c)} />),
);
