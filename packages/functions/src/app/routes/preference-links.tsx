/** What the preference center's routes share: the reader's own paths, and refusing a bad link. */
import type { Context as HonoContext } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Config } from "@tidings/core/config";
import { isTidingsError, TidingsError } from "@tidings/core/error";
import { unsubscribeUrl } from "@tidings/core/subscription/links";
import { themes } from "@tidings/core/theme/themes";
import { wantsJson } from "../negotiate.ts";
import type { ReaderPaths } from "../pages/preferences.tsx";
import { LinkProblemPage } from "../pages/subscription.tsx";
import { localPath } from "./link-token.tsx";

/** The newsletter's themes as the preference center offers them (file order, fallback last). */
export const offeredThemes = () => themes().list.map((t) => ({ name: t.name, about: t.about }));
export const themeNames = () => themes().list.map((t) => t.name);

/** The reader's links on our pages, all carrying their preferences token (the unsubscribe one its own). */
export function readerPaths(
  config: Pick<Config, "publicUrl" | "tokenSecret" | "tokenSecretPrevious">,
  token: string,
  id: string,
): ReaderPaths {
  const t = `?token=${encodeURIComponent(token)}`;
  return {
    preferences: `/preferences${t}`,
    address: `/preferences/address${t}`,
    data: `/preferences/data${t}`,
    delete: `/preferences/delete${t}`,
    unsubscribe: localPath(unsubscribeUrl(config, { id })),
  };
}

const titles: Record<string, string> = {
  "subscription.token_expired": "This link has expired",
  "preferences.gone": "This link no longer works",
  "preferences.change_invalid": "This link no longer works",
  "preferences.not_active": "This subscription is not active",
};

const help: Record<string, string> = {
  "subscription.token_invalid":
    "This link is not valid: it may have been cut short or changed. Open it again from the email, copying the whole link; every issue carries your preferences link.",
  "subscription.token_expired":
    "This link has expired: links to confirm a new address are valid for 48 hours. Ask for the change again from your preference center.",
};

/**
 * A preferences or change-address link that cannot be used: a clear page, or for API callers the
 * error from the one error handler. Anything that is not a link problem is rethrown.
 */
export function refusePreferencesLink(c: HonoContext, e: unknown) {
  if (!isTidingsError(e) || !/^(subscription\.token_|preferences\.(gone|change_invalid|not_active))/.test(e.code)) {
    throw e;
  }
  const message = help[e.code] ?? e.message;
  const refusal = message === e.message ? e : new TidingsError(e.kind, e.code, message, { data: e.data, cause: e });
  if (wantsJson(c)) throw refusal;
  const page = <LinkProblemPage title={titles[e.code] ?? "This link is not valid"} message={message} signup={false} />;
  return c.html(page, refusal.status as ContentfulStatusCode);
}
