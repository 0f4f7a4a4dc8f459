/**
 * What CloudFront (infra/cdn.ts) and the app agree on. No imports: infra/ reads this file too.
 */

/** Paths whose answers are personal or change state: never cached, by the app's word and the CDN's. */
export const neverCached = ["/subscribe", "/preferences", "/unsubscribe", "/confirm", "/admin", "/api"] as const;

/**
 * The reader's address as CloudFront's viewer-request function writes it (`event.viewer.ip`).
 * CloudFront overwrites any value a client sends, and the function URL answers CloudFront alone
 * (origin access control), so behind the CDN no client can set it.
 */
export const VIEWER_ADDRESS_HEADER = "x-tidings-viewer-address";
