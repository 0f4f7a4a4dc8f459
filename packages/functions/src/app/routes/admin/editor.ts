import type { Context as HonoContext } from "hono";
import type { AppEnv } from "../../env.ts";

/** What the desk's layout needs of the signed-in editor. */
export const editorOf = (c: HonoContext<AppEnv>) => ({ email: c.var.session.editor, csrf: c.var.session.csrf });
