/**
 * The function preset: what every Tidings function shares. `satisfies` keeps a misspelt property
 * here failing the type check as it would written inline (test/infra/sst-config.test.ts).
 */
import { settings } from "./settings.ts";

/** Settings every function reads through config.ts; empty means "use the default". */
export const environment = {
  SENDER: settings.sender,
  FEEDS: settings.feeds,
  PUBLIC_URL: settings.publicUrl,
  DIGEST_TIMEZONE: settings.digestTimezone,
  POSTAL_ADDRESS: settings.postalAddress,
  ADMIN_EMAILS: settings.adminEmails,
  GUARD_BOUNCE_PERCENT: settings.guardBouncePercent,
  GUARD_COMPLAINT_PERCENT: settings.guardComplaintPercent,
  GUARD_MIN_SENDS: settings.guardMinSends,
};

export const fn = {
  runtime: "nodejs22.x",
  architecture: "arm64",
  environment,
} as const satisfies Partial<sst.aws.FunctionArgs>;

/**
 * For functions that render emails: the MJML templates are read at render time from `templates/`
 * beside the bundle, and mjml and handlebars load modules dynamically, so SST installs them next to
 * it (at the versions the root package.json names: see the README, "Every function as Lambda
 * runs it").
 */
export const renders = {
  copyFiles: [{ from: "templates" }],
  nodejs: { install: ["mjml", "handlebars"] },
} satisfies Partial<sst.aws.FunctionArgs>;

/**
 * For functions that classify items or list themes (Api, WeeklyDigest, the send consumer, which
 * matches readers' choices against them): a THEMES_FILE set at
 * deploy time is read from disk at run time (theme/themes.ts), so it travels beside the bundle as
 * themes.json and their THEMES_FILE names it there (the working directory on Lambda). Without
 * one, the shipped file is bundled with the code and nothing is added.
 */
export const themes: { copyFiles: { from: string; to: string }[]; environment: Record<string, string> } =
  settings.themesFile
    ? { copyFiles: [{ from: settings.themesFile, to: "themes.json" }], environment: { THEMES_FILE: "themes.json" } }
    : { copyFiles: [], environment: {} };
