/**
 * Every page a person can reach, and how a browser gets there: the accessibility check
 * (axe.test.ts) walks this list. A new page is one more entry. Readers are made through the store
 * (no signup rate limit to meet); forms are filled and sent as a person would.
 */
import type { Page } from "playwright-core";
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
    async lastMailTo(address) {
      const mail = (await app.services.mailbox()).filter((m) => m.destination.to.includes(address)).at(-1);
      if (!mail) throw new Error(`no email to ${address}`);
      return mail.body.text ?? "";
    },
  };
}
