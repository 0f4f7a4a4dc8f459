/** The personal links in subscribers' emails. */
import type { Config } from "../config.ts";
import { issueToken } from "./token.ts";

type Keyed = Pick<Config, "publicUrl" | "tokenSecret" | "tokenSecretPrevious">;

/** The double opt-in link, valid 48 hours from `now`. */
export function confirmUrl(config: Keyed, subscriber: { id: string }, now: Date): string {
  return `${config.publicUrl}/confirm?token=${issueToken(config, "confirm", subscriber.id, now)}`;
}

/**
 * A subscriber's personal unsubscribe URL: the page behind it (GET) shows one button, and a POST
 * to it unsubscribes at once (RFC 8058 one-click), so it serves as both the footer link and the
 * `List-Unsubscribe` header. It never expires and is the same in every issue.
 *
 * @example headers: [{ Name: "List-Unsubscribe", Value: `<${unsubscribeUrl(config, s)}>` },
 *                   { Name: "List-Unsubscribe-Post", Value: "List-Unsubscribe=One-Click" }]
 */
export function unsubscribeUrl(config: Keyed, subscriber: { id: string }): string {
  return `${config.publicUrl}/unsubscribe?token=${issueToken(config, "unsubscribe", subscriber.id, new Date(0))}`;
}

/**
 * A subscriber's preference center (themes, address, data, leaving): like the unsubscribe link,
 * it never expires and is the same in every issue, so an old email still reaches it.
 */
export function preferencesUrl(config: Keyed, subscriber: { id: string }): string {
  return `${config.publicUrl}/preferences?token=${issueToken(config, "preferences", subscriber.id, new Date(0))}`;
}

/** Both links every digest carries (footer and List-Unsubscribe). */
export function readerLinks(config: Keyed, subscriber: { id: string }) {
  return { unsubscribeUrl: unsubscribeUrl(config, subscriber), preferencesUrl: preferencesUrl(config, subscriber) };
}
