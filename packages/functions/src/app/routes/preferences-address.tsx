/**
 * Changing address: the form (GET, with the reader's preferences link) and its POST, which sends
 * the new address a confirmation link; that link shows one button (GET changes nothing) and its
 * POST moves the reader to the new address (core: subscription/change-address.ts).
 */
import { Hono, type Context as HonoContext } from "hono";
import { validator } from "hono/validator";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { z } from "zod";
import { isTidingsError, TidingsError } from "@tidings/core/error";
import { EmailAddress } from "@tidings/core/subscription/address";
import {
  confirmAddressChange,
  pendingAddressChange,
  requestAddressChange,
} from "@tidings/core/subscription/change-address";
import { preferencesUrl } from "@tidings/core/subscription/links";
import { preferencesReader } from "@tidings/core/subscription/preference-center";
import { newsletter } from "@tidings/templates/newsletter";
import type { AppEnv } from "../env.ts";
import { sentJson, wantsJson } from "../negotiate.ts";
import { MessagePage } from "../pages/layout.tsx";
import { ChangeAddressPage, ConfirmActionPage } from "../pages/preferences.tsx";
import { linkToken, localPath } from "./link-token.tsx";
import { refusePreferencesLink } from "./preference-links.tsx";

const changeLink = validator("query", (query, c) => {
  const parsed = z.object({ token: z.string().max(200), code: z.string().max(64) }).safeParse(query);
  if (parsed.success) return parsed.data;
  return refusePreferencesLink(
    c,
    new TidingsError("forbidden", "subscription.token_invalid", "The link is incomplete."),
  );
});

/** The new address typed on the form (or a JSON body's `email`), checked. */
async function newAddress(c: HonoContext<AppEnv>) {
  const body: { email?: unknown } = sentJson(c) ? await c.req.json().catch(() => ({})) : await c.req.parseBody();
  const typed = typeof body.email === "string" ? body.email : "";
  return { typed, parsed: EmailAddress.safeParse(typed) };
}

export const address = new Hono<AppEnv>()
  .get("/", linkToken, async (c) => {
    const { token } = c.req.valid("query");
    try {
      const reader = await preferencesReader(c.var.ctx, token, c.var.now());
      const t = `?token=${encodeURIComponent(token)}`;
      return c.html(
        <ChangeAddressPage email={reader.email} action={`/preferences/address${t}`} back={`/preferences${t}`} />,
      );
    } catch (e) {
      return refusePreferencesLink(c, e);
    }
  })
  .post("/", linkToken, async (c) => {
    const { token } = c.req.valid("query");
    const t = `?token=${encodeURIComponent(token)}`;
    let reader;
    try {
      reader = await preferencesReader(c.var.ctx, token, c.var.now());
    } catch (e) {
      return refusePreferencesLink(c, e);
    }
    const { typed, parsed } = await newAddress(c);
    const form = (error: string, status: ContentfulStatusCode) =>
      c.html(
        <ChangeAddressPage
          email={reader.email}
          action={`/preferences/address${t}`}
          back={`/preferences${t}`}
          value={typed}
          error={error}
        />,
        status,
      );
    if (!parsed.success) {
      const reason = parsed.error.issues[0]?.message ?? "That does not look like an email address.";
      if (wantsJson(c)) throw new TidingsError("invalid", "subscription.invalid_email", reason);
      return form(reason, 400);
    }
    try {
      await requestAddressChange(c.var.ctx, reader.id, parsed.data, c.var.now());
    } catch (e) {
      if (!isTidingsError(e) || wantsJson(c) || !e.code.startsWith("preferences.")) throw e;
      if (e.kind === "rate_limited") c.header("retry-after", String(e.data?.retryAfterSeconds ?? 600));
      return form(e.message, e.status as ContentfulStatusCode);
    }
    if (wantsJson(c)) return c.json({ status: "check_inbox" });
    return c.html(
      <MessagePage
        title="Check your new inbox"
        message={`We sent a link to ${parsed.data}. Open it within 48 hours to receive ${newsletter.name} there; until then it keeps going to ${reader.email}.`}
        link={{ href: `/preferences${t}`, label: "Back to your preferences" }}
      />,
    );
  })
  .get("/confirm", changeLink, async (c) => {
    const { token, code } = c.req.valid("query");
    try {
      const reader = await pendingAddressChange(c.var.ctx, token, code, c.var.now());
      return c.html(
        <ConfirmActionPage
          title="Confirm your new address"
          message={`Send ${newsletter.name} to ${reader.addressChange.email} from now on, instead of ${reader.email}?`}
          action={`/preferences/address/confirm?token=${encodeURIComponent(token)}&code=${encodeURIComponent(code)}`}
          button="Yes, use this address"
        />,
      );
    } catch (e) {
      return refusePreferencesLink(c, e);
    }
  })
  .post("/confirm", changeLink, async (c) => {
    const { token, code } = c.req.valid("query");
    const who = { clientAddress: c.var.clientAddress, userAgent: (c.req.header("user-agent") ?? "").slice(0, 512) };
    let moved;
    try {
      moved = await confirmAddressChange(c.var.ctx, token, code, who, c.var.now());
    } catch (e) {
      if (isTidingsError(e) && e.code === "preferences.address_taken" && !wantsJson(c)) {
        return c.html(<MessagePage title="That address is taken" message={e.message} />, 400);
      }
      return refusePreferencesLink(c, e);
    }
    if (wantsJson(c)) return c.json({ status: "changed" });
    return c.html(
      <MessagePage
        title="Your address is changed"
        message={`${newsletter.name} now goes to ${moved.email}. Your topics came along; your preferences have a new link, also in every issue.`}
        link={{ href: localPath(preferencesUrl(c.var.ctx.config, moved)), label: "Your preferences" }}
      />,
    );
  });
