/** Signing out: this session (`POST /admin/sign-out`), or every session of the editor (`…/everywhere`). */
import { Hono } from "hono";
import { recordAction } from "@tidings/core/admin/audit";
import { endAllSessions, endSession } from "@tidings/core/admin/sessions";
import { clearSessionCookie, sessionCookie } from "../../auth.ts";
import type { AppEnv } from "../../env.ts";

export const sessionRoutes = new Hono<AppEnv>()
  .post("/sign-out", async (c) => {
    await endSession(c.var.ctx, sessionCookie(c) ?? "");
    await recordAction(
      c.var.ctx,
      { by: c.var.session.editor, action: "sign-out", detail: "this session" },
      c.var.now(),
    );
    clearSessionCookie(c);
    return c.redirect("/admin/sign-in", 303);
  })
  .post("/sign-out/everywhere", async (c) => {
    const ended = await endAllSessions(c.var.ctx, c.var.session.editor);
    await recordAction(
      c.var.ctx,
      { by: c.var.session.editor, action: "sign-out-everywhere", detail: `${ended} sessions ended` },
      c.var.now(),
    );
    clearSessionCookie(c);
    return c.redirect("/admin/sign-in", 303);
  });
