/**
 * The preference center, reached through the reader's own link (every issue's footer, the welcome
 * page): GET shows their themes and changes nothing; POST saves the themes ticked (form fields
 * `themes`, repeated). Also their data as a download, and erasure behind one more button.
 * The change of address: preferences-address.tsx.
 */
import { Hono, type Context as HonoContext } from "hono";
import { isTidingsError } from "@tidings/core/error";
import { eraseSubscriber } from "@tidings/core/subscription/erase";
import { preferencesReader, readerData, savePreferences } from "@tidings/core/subscription/preference-center";
import { tickedThemes } from "@tidings/core/subscription/preferences";
import type { AppEnv } from "../env.ts";
import { sentJson, wantsJson } from "../negotiate.ts";
import { MessagePage } from "../pages/layout.tsx";
import { ConfirmActionPage, PreferencesPage } from "../pages/preferences.tsx";
import { linkToken } from "./link-token.tsx";
import { offeredThemes, readerPaths, refusePreferencesLink, themeNames } from "./preference-links.tsx";
import { address } from "./preferences-address.tsx";
import { tokenPage } from "./token-pages.ts";

type LinkContext = HonoContext<AppEnv, string, { out: { query: { token: string } } }>;

/** The reader the link names, or the page that refuses it. */
async function reader(c: LinkContext) {
  const { token } = c.req.valid("query");
  try {
    return { token, reader: await preferencesReader(c.var.ctx, token, c.var.now()) };
  } catch (e) {
    return { refused: refusePreferencesLink(c, e) };
  }
}

/** The themes ticked on the form (or a JSON body's `themes`). */
async function ticked(c: HonoContext<AppEnv>): Promise<string[]> {
  const raw = sentJson(c)
    ? ((await c.req.json().catch(() => ({}))) as { themes?: unknown }).themes
    : (await c.req.parseBody({ all: true })).themes;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.filter((t): t is string => typeof t === "string");
}

export const preferences = new Hono<AppEnv>()
  .use(tokenPage)
  .get("/", linkToken, async (c) => {
    const found = await reader(c);
    if (!found.reader) return found.refused;
    const { reader: r, token } = found;
    const mine = tickedThemes(r.themes, themeNames());
    if (wantsJson(c)) return c.json({ email: r.email, state: r.state, themes: mine });
    const paths = readerPaths(c.var.ctx.config, token, r.id);
    return c.html(
      <PreferencesPage email={r.email} state={r.state} themes={offeredThemes()} ticked={mine} paths={paths} />,
    );
  })
  .post("/", linkToken, async (c) => {
    const found = await reader(c);
    if (!found.reader) return found.refused;
    const { reader: r, token } = found;
    const chosen = await ticked(c);
    const page = (props: { ticked: string[]; saved?: boolean; error?: string }) => (
      <PreferencesPage
        email={r.email}
        state={r.state}
        themes={offeredThemes()}
        paths={readerPaths(c.var.ctx.config, token, r.id)}
        {...props}
      />
    );
    try {
      const saved = await savePreferences(c.var.ctx, token, chosen, themeNames(), c.var.now());
      if (wantsJson(c)) return c.json({ status: "saved", themes: saved });
      return c.html(page({ ticked: saved, saved: true }));
    } catch (e) {
      if (!isTidingsError(e) || e.code !== "preferences.no_theme" || wantsJson(c)) throw e;
      return c.html(page({ ticked: chosen, error: e.message }), 400);
    }
  })
  .get("/data", linkToken, async (c) => {
    const found = await reader(c);
    if (!found.reader) return found.refused;
    c.header("content-disposition", 'attachment; filename="my-newsletter-data.json"');
    return c.json(await readerData(c.var.ctx, found.reader, themeNames()));
  })
  .get("/delete", linkToken, async (c) => {
    const found = await reader(c);
    if (!found.reader) return found.refused;
    const { token } = found;
    return c.html(
      <ConfirmActionPage
        title="Delete me"
        message={`We will forget ${found.reader.email}, your topics and the record of the issues we sent you, and send you nothing more. This cannot be undone; you can always sign up again.`}
        action={`/preferences/delete?token=${encodeURIComponent(token)}`}
        button="Delete me"
        back={`/preferences?token=${encodeURIComponent(token)}`}
      />,
    );
  })
  .post("/delete", linkToken, async (c) => {
    const found = await reader(c);
    if (!found.reader) return found.refused;
    await eraseSubscriber(c.var.ctx, { id: found.reader.id }, c.var.now());
    if (wantsJson(c)) return c.json({ status: "erased" });
    return c.html(
      <MessagePage
        title="You are deleted"
        message="We have forgotten your address and everything about it. You will get no more emails from us."
        link={{ href: "/", label: "Back to the front page" }}
      />,
    );
  })
  .route("/address", address);
