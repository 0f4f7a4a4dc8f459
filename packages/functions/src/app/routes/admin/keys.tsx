/** The desk's API keys: the list, `POST /admin/keys` (name: the key is shown once), `POST …/:id/revoke`. */
import { Hono } from "hono";
import { apiKeys, createApiKey, revokeApiKey } from "@tidings/core/admin/api-keys";
import type { AppEnv } from "../../env.ts";
import { KeysPage } from "../../pages/admin/keys.tsx";
import { editorOf } from "./editor.ts";

export const keyRoutes = new Hono<AppEnv>()
  .get("/", async (c) => c.html(<KeysPage keys={await apiKeys(c.var.ctx)} editor={editorOf(c)} />))
  .post("/", async (c) => {
    const { name } = await c.req.parseBody();
    const { key, apiKey } = await createApiKey(
      c.var.ctx,
      typeof name === "string" ? name : "",
      c.var.session.editor,
      c.var.now(),
    );
    return c.html(
      <KeysPage keys={await apiKeys(c.var.ctx)} created={{ name: apiKey.name, key }} editor={editorOf(c)} />,
    );
  })
  .post("/:id/revoke", async (c) => {
    await revokeApiKey(c.var.ctx, c.req.param("id"), c.var.session.editor, c.var.now());
    return c.redirect("/admin/keys", 303);
  });
