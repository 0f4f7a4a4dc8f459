/**
 * The deploy-time settings, read once from the environment `sst deploy` runs in (see the README's
 * second configuration table). Functions get them through the preset's `environment`
 * (infra/function.ts); nothing else under infra/ reads `process.env`.
 */

// The From address, e.g. "Semiconductor Tidings <digest@news.example.com>". SES sends from its
// domain (verified by DKIM records: added to Route 53 with SENDER_DNS=route53, else by hand).
const sender = process.env.SENDER;
const senderDomain = sender ? /@([^@\s<>]+)>?\s*$/.exec(sender)?.[1]?.toLowerCase() : undefined;
if (!sender || !senderDomain) {
  throw new Error(
    `Set SENDER to the newsletter's From address before deploying, e.g. SENDER="Tidings <digest@news.example.com>"`,
  );
}

// Every email's footer carries it: the law (CAN-SPAM, PECR) asks for a real postal address.
const postalAddress = process.env.POSTAL_ADDRESS;
if (!postalAddress)
  throw new Error(`Set POSTAL_ADDRESS, the postal address every email's footer shows, before deploying`);

export const settings = {
  sender,
  senderDomain,
  postalAddress,
  feeds: process.env.FEEDS ?? "https://www.scmp.com/rss/519738/feed",
  /** Empty: links are based on the app's function URL (see config.ts). */
  publicUrl: process.env.PUBLIC_URL ?? "",
  digestTimezone: process.env.DIGEST_TIMEZONE ?? "UTC",
  digestSchedule: (process.env.DIGEST_SCHEDULE ?? "cron(0 6 ? * MON *)") as `cron(${string})`,
  /** Empty: the account's MaxSendRate, asked of SES. */
  sendRate: process.env.SEND_RATE ?? "",
  /** "route53": SST writes the identity's DKIM records to your Route 53 zone. */
  senderDns: process.env.SENDER_DNS,
  /** The reputation guard's limits (empty: 4% bounces, 0.08% complaints, over at least 200 sends). */
  guardBouncePercent: process.env.GUARD_BOUNCE_PERCENT ?? "",
  guardComplaintPercent: process.env.GUARD_COMPLAINT_PERCENT ?? "",
  guardMinSends: process.env.GUARD_MIN_SENDS ?? "",
  /** A themes file of your own, relative to the repository; unset: the shipped one, bundled. */
  themesFile: process.env.THEMES_FILE || undefined,
  /**
   * The editors who may sign in to the desk (comma-separated); empty: nobody. They are also told
   * when a send pauses itself, and the alarms' topic emails them (infra/alarms.ts).
   */
  adminEmails: process.env.ADMIN_EMAILS ?? "",
  /** "on": the weekly job builds a draft and emails the editors; empty or "off": it sends at once. */
  review: process.env.REVIEW ?? "",
  /** What the next week's job does with a draft nobody approved: "skip" (empty) or "send". */
  reviewDeadline: process.env.REVIEW_DEADLINE ?? "",
};
