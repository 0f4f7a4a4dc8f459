/** `GET /admin/corrections`: every correction, newest week first; `POST …/:week/:id/undo` undoes one. */
import { Hono } from "hono";
import { allCorrections } from "@tidings/core/review/corrections";
import { undoCorrection } from "@tidings/core/review/undo";
import type { AppEnv } from "../../env.ts";
import { CorrectionsPage } from "../../pages/admin/corrections.tsx";
import { editorOf } from "./editor.ts";

const notices: Record<string, string> = {
  edited: "Undone: the classifier forgets it, and the story is back where it was in its draft.",
  final: "Undone: the classifier forgets it. Its digest was sent already and stays as readers got it.",
};

export const correctionRoutes = new Hono<AppEnv>()
  .get("/", async (c) =>
    c.html(
      <CorrectionsPage
        corrections={await allCorrections(c.var.ctx.db)}
        editor={editorOf(c)}
        notice={notices[c.req.query("done") ?? ""]}
      />,
    ),
  )
  .post("/:week/:id/undo", async (c) => {
    const { week, id } = c.req.param();
    const { digest } = await undoCorrection(c.var.ctx, week, id, c.var.session.editor, c.var.now());
    return c.redirect(`/admin/corrections?done=${digest}`, 303);
  });
