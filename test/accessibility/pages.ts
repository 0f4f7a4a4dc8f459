/**
 * Every page a person can reach, and how a browser gets there: the accessibility check
 * (axe.test.ts) walks this list. A new page is one more entry. Readers are made through the store
 * (no signup rate limit to meet); forms are filled and sent as a person would.
 */
import type { BrowserContext, Page } from "playwright-core";
import { startSession } from "@tidings/core/admin/sessions";
import { markSendStarted } from "@tidings/core/store/digests";
import { confirmUrl, preferencesUrl, unsubscribeUrl } from "@tidings/core/subscription/links";
import type { SeededApp } from "../support/seeded-app.ts";
import { addReaders } from "../support/sending.ts";

export interface Site {
  app: SeededApp;
  /** A newly confirmed reader's personal links, as the app would mail them. */
  reader(): Promise<{ preferences: string; unsubscribe: string; address: string }>;
  /** A reader who signed up and has not confirmed yet: their confirm link. */
  pending(): Promise<string>;
  /** The last email sent to `address` (its text part). */
  lastMailTo(address: string): Promise<string>;
  /** Signs the tab's browser in to the desk as the editor (a session started in the store). */
  signIn(page: Page): Promise<void>;
  /** A digest's week no other visit uses (a visit that changes a digest takes its own). */
  ownWeek(): string;
}

export interface PageVisit {
  name: string;
  /** Leads the browser tab to the page. */
  open(page: Page, site: Site): Promise<void>;
}

const submit = async (page: Page, button: string) => {
  await Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name: button }).click()]);
  await page.waitForLoadState("load");
};

/** The link to `path` in the last email to `address`. */
async function linkInMail(site: Site, address: string, path: string): Promise<string> {
  const text = await site.lastMailTo(address);
  const match = new RegExp(`https?://\\S+${path.replace(/[/?]/g, "\\$&")}\\S*`).exec(text);
  if (!match) throw new Error(`no ${path} link in the email to ${address}`);
  return match[0];
}

let readers = 0;
let weeks = 0;
const sessions = new WeakMap<BrowserContext, Promise<void>>();

export const pages: PageVisit[] = [
  { name: "landing", open: (p, s) => p.goto(`${s.app.url}/`).then(() => undefined) },
  {
    name: "landing, an invalid address",
    async open(p, s) {
      await p.goto(`${s.app.url}/`);
      await p.locator("form.signup").evaluate((f) => f.setAttribute("novalidate", ""));
      await p.getByLabel("Your email address").fill("not an address");
      await submit(p, "Subscribe");
    },
  },
  {
    name: "check your inbox",
    async open(p, s) {
      await p.goto(`${s.app.url}/`);
      await p.getByLabel("Your email address").fill(`axe-signup-${++readers}@example.com`);
      await submit(p, "Subscribe");
    },
  },
  { name: "welcome (confirmed)", open: async (p, s) => void (await p.goto(await s.pending())) },
  { name: "a link that is not valid", open: async (p, s) => void (await p.goto(`${s.app.url}/confirm?token=nope`)) },
  { name: "unsubscribe", open: async (p, s) => void (await p.goto((await s.reader()).unsubscribe)) },
  {
    name: "unsubscribed",
    async open(p, s) {
      await p.goto((await s.reader()).unsubscribe);
      await submit(p, "Unsubscribe");
    },
  },
  { name: "preference center", open: async (p, s) => void (await p.goto((await s.reader()).preferences)) },
  {
    name: "preference center, saved",
    async open(p, s) {
      await p.goto((await s.reader()).preferences);
      await p.locator("input[name=themes]").first().uncheck();
      await submit(p, "Save my topics");
    },
  },
  {
    name: "preference center, no topic ticked",
    async open(p, s) {
      await p.goto((await s.reader()).preferences);
      for (const box of await p.locator("input[name=themes]").all()) await box.uncheck();
      await submit(p, "Save my topics");
    },
  },
  {
    name: "change my address",
    open: async (p, s) =>
      void (await p.goto((await s.reader()).preferences.replace("/preferences?", "/preferences/address?"))),
  },
  {
    name: "change my address, link sent",
    async open(p, s) {
      await p.goto((await s.reader()).preferences.replace("/preferences?", "/preferences/address?"));
      await p.getByLabel("New email address").fill(`axe-moved-${++readers}@example.com`);
      await submit(p, "Send the link");
    },
  },
  {
    name: "confirm the new address",
    async open(p, s) {
      const { preferences } = await s.reader();
      const to = `axe-new-${++readers}@example.com`;
      await p.goto(preferences.replace("/preferences?", "/preferences/address?"));
      await p.getByLabel("New email address").fill(to);
      await submit(p, "Send the link");
      await p.goto(await linkInMail(s, to, "/preferences/address/confirm?"));
    },
  },
  {
    name: "address changed",
    async open(p, s) {
      const { preferences } = await s.reader();
      const to = `axe-new-${++readers}@example.com`;
      await p.goto(preferences.replace("/preferences?", "/preferences/address?"));
      await p.getByLabel("New email address").fill(to);
      await submit(p, "Send the link");
      await p.goto(await linkInMail(s, to, "/preferences/address/confirm?"));
      await submit(p, "Yes, use this address");
    },
  },
  {
    name: "delete me",
    open: async (p, s) =>
      void (await p.goto((await s.reader()).preferences.replace("/preferences?", "/preferences/delete?"))),
  },
  {
    name: "deleted",
    async open(p, s) {
      await p.goto((await s.reader()).preferences.replace("/preferences?", "/preferences/delete?"));
      await submit(p, "Delete me");
    },
  },
  { name: "archive", open: async (p, s) => void (await p.goto(`${s.app.url}/digests`)) },
  {
    name: "digest web edition",
    open: async (p, s) => void (await p.goto(`${s.app.url}/digests/${s.app.weeks.at(-1)}`)),
  },
  {
    name: "digest as emailed",
    open: async (p, s) => void (await p.goto(`${s.app.url}/digests/${s.app.weeks.at(-1)}/email`)),
  },
  { name: "not found", open: async (p, s) => void (await p.goto(`${s.app.url}/no-such-page`)) },
  { name: "desk: sign in", open: async (p, s) => void (await p.goto(`${s.app.url}/admin/sign-in`)) },
  {
    name: "desk: sign-in link sent",
    async open(p, s) {
      await p.goto(`${s.app.url}/admin/sign-in`);
      await p.getByLabel("Your email address").fill("editor@tidings.localhost");
      await submit(p, "Email me a sign-in link");
    },
  },
  ...(
    [
      ["dashboard", "/admin"],
      ["subscribers", "/admin/subscribers"],
      ["feeds", "/admin/feeds"],
      ["API keys", "/admin/keys"],
      ["audit", "/admin/audit"],
      ["digests", "/admin/digests"],
      ["corrections", "/admin/corrections"],
    ] as const
  ).map(([name, path]): PageVisit => ({
    name: `desk: ${name}`,
    async open(p, s) {
      await s.signIn(p);
      await p.goto(`${s.app.url}${path}`);
    },
  })),
  {
    name: "desk: a reader",
    async open(p, s) {
      const { address } = await s.reader();
      await s.signIn(p);
      await p.goto(`${s.app.url}/admin/subscribers/${encodeURIComponent(address)}`);
    },
  },
  {
    name: "desk: a new API key",
    async open(p, s) {
      await s.signIn(p);
      await p.goto(`${s.app.url}/admin/keys`);
      await p.getByLabel("Name").fill("axe");
      await submit(p, "Create key");
    },
  },
  {
    name: "desk: a digest to review",
    async open(p, s) {
      await s.signIn(p);
      await p.goto(`${s.app.url}/admin/digests/${s.ownWeek()}`);
    },
  },
  {
    name: "desk: a digest, a story moved",
    async open(p, s) {
      await s.signIn(p);
      await p.goto(`${s.app.url}/admin/digests/${s.ownWeek()}`);
      const story = p.locator("li.story").first();
      const select = story.getByLabel("Theme");
      const other = (await select.locator("option:not([selected])").first().textContent())!;
      await select.selectOption(other);
      await Promise.all([p.waitForURL(/done=move/), story.getByRole("button", { name: /^Move/ }).click()]);
      await p.waitForLoadState("load");
    },
  },
  {
    name: "desk: a digest being sent",
    async open(p, s) {
      const week = s.ownWeek();
      await markSendStarted(s.app.services.ctx.db, week, new Date());
      await s.signIn(p);
      await p.goto(`${s.app.url}/admin/digests/${week}`);
    },
  },
];

/** The Site helpers over a seeded app. */
export function siteOf(app: SeededApp): Site {
  const { ctx } = app.services;
  return {
    app,
    async reader() {
      const [r] = await addReaders(ctx, 1, `axe-reader-${++readers}-`);
      return {
        address: r!.email,
        preferences: preferencesUrl(ctx.config, r!),
        unsubscribe: unsubscribeUrl(ctx.config, r!),
      };
    },
    async pending() {
      const [r] = await addReaders(ctx, 1, `axe-pending-${++readers}-`, "pending");
      return confirmUrl(ctx.config, r!, new Date());
    },
    async signIn(page) {
      // Once per browser context: visits run side by side, and a new session would make the
      // CSRF tokens of another visit's forms stale.
      const context = page.context();
      let signedIn = sessions.get(context);
      if (!signedIn) {
        signedIn = startSession(
          ctx,
          "editor@tidings.localhost",
          { clientAddress: "192.0.2.80", userAgent: "axe" },
          new Date(),
        ).then(({ token }) => context.addCookies([{ name: "tidings_session", value: token, url: app.url }]));
        sessions.set(context, signedIn);
      }
      await signedIn;
    },
    ownWeek() {
      const week = app.weeks[weeks++];
      if (!week) throw new Error("more visits change digests than the seeded app has weeks");
      return week;
    },
    async lastMailTo(address) {
      const mail = (await app.services.mailbox()).filter((m) => m.destination.to.includes(address)).at(-1);
      if (!mail) throw new Error(`no email to ${address}`);
      return mail.body.text ?? "";
    },
  };
}
