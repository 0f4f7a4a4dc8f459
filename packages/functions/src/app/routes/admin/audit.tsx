/** `GET /admin/audit`: every editor action, newest first, with who and when. */
import { Hono } from "hono";
import { recentActions } from "@tidings/core/admin/audit";
import type { AppEnv } from "../../env.ts";
import { DeskLayout, when } from "../../pages/admin/layout.tsx";
import { editorOf } from "./editor.ts";

export const auditRoutes = new Hono<AppEnv>().get("/", async (c) => {
  const entries = await recentActions(c.var.ctx, c.var.now(), 200);
  return c.html(
    <DeskLayout title="Audit" editor={editorOf(c)}>
      <h1>Audit</h1>
      <p>Every editor action, newest first (the last 200).</p>
      <table>
        <thead>
          <tr>
            {["When", "Who", "What", "Detail"].map((h) => (
              <th scope="col">{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr>
              <td>{when(e.at)}</td>
              <td>{e.by}</td>
              <td>{e.action}</td>
              <td>{e.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </DeskLayout>,
  );
});
