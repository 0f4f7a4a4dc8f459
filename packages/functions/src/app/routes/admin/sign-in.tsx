/**
 * Signing in: `GET /admin/sign-in` (the form, or with `?token=` the link's page and its one
 * button), `POST /admin/sign-in` (form or JSON `email`: the same answer for every address),
 * `POST /admin/sign-in/link` (the button: uses the link once, sets the session cookie, lands on
 * /admin). The only desk routes open without a session.
 */
import { Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { checkSignInLink, requestSignIn, signIn } from "@tidings/core/admin/sign-in";
import { isTidingsError, TidingsError } from "@tidings/core/error";
import { EmailAddress } from "@tidings/core/subscription/address";
import { setSessionCookie } from "../../auth.ts";
import type { AppEnv } from "../../env.ts";
import { sentJson, wantsJson } from "../../negotiate.ts";
import { SignInLinkPage, SignInPage, SignInRefusedPage, SignInSentPage } from "../../pages/admin/sign-in.tsx";
import { tokenPage } from "../token-pages.ts";

/** A link that does not work: its page (403), or the error for API callers. */
function refused(c: Parameters<typeof wantsJson>[0], e: unknown) {
  if (!isTidingsError(e) || e.code !== "admin.link_invalid") throw e;
  if (wantsJson(c)) throw e;
  return c.html(<SignInRefusedPage message={e.message} />, e.status as ContentfulStatusCode);
}

const who = (c: { var: AppEnv["Variables"]; req: { header(name: string): string | undefined } }) => ({
  clientAddress: c.var.clientAddress,
  userAgent: c.req.header("user-agent") ?? "",
});

export const signInRoutes = new Hono<AppEnv>()
  .get("/", tokenPage, async (c) => {
    const token = c.req.query("token");
    if (token === undefined) return c.html(<SignInPage />);
    try {
      await checkSignInLink(c.var.ctx, token, c.var.now());
    } catch (e) {
      return refused(c, e);
    }
    return c.html(<SignInLinkPage token={token} />);
  })
  .post("/", async (c) => {
    const raw: unknown = sentJson(c) ? await c.req.json().catch(() => ({})) : await c.req.parseBody();
    const parsed = EmailAddress.safeParse((raw as { email?: unknown } | null)?.email ?? "");
    if (!parsed.success) {
      const reason = parsed.error.issues[0]?.message ?? "That does not look like an email address.";
      if (wantsJson(c)) throw new TidingsError("invalid", "admin.invalid_email", reason);
      return c.html(<SignInPage error={reason} />, 400);
    }
    await requestSignIn(
      c.var.ctx,
      c.var.deskMail,
      { email: parsed.data, clientAddress: c.var.clientAddress },
      c.var.now(),
    );
    if (wantsJson(c))
      return c.json({
        status: "check_inbox",
        message: "If this address belongs to an editor, a sign-in link is on its way.",
      });
    return c.html(<SignInSentPage />);
  })
  .post("/link", tokenPage, async (c) => {
    const { token } = await c.req.parseBody();
    try {
      const started = await signIn(c.var.ctx, typeof token === "string" ? token : "", who(c), c.var.now());
      setSessionCookie(c, started.token);
    } catch (e) {
      return refused(c, e);
    }
    return c.redirect("/admin", 303);
  });
