/**
 * Every page (pages.ts) in Chromium, in light and dark mode, checked by axe-core at WCAG 2.2 AA:
 * no violation at all. Pages are opened a few at a time (each visit makes its own readers). axe is injected into each page as it is (the context bypasses our CSP only
 * so that the checker's own script may run).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../support/browser.ts";
import { placeholderImages, serveSeededApp, type SeededApp } from "../support/seeded-app.ts";
import { pages, siteOf, type Site } from "./pages.ts";

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

interface Violation {
  id: string;
  help: string;
  nodes: { target: unknown[] }[];
}

let app: SeededApp;
let browser: Browser;
let site: Site;
beforeAll(async () => {
  [app, browser] = await Promise.all([serveSeededApp(), launchBrowser()]);
  site = siteOf(app);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe.concurrent.each(["light", "dark"] as const)("every page in %s mode", (colorScheme) => {
  let context: BrowserContext;
  beforeAll(async () => {
    context = await browser.newContext({ colorScheme, bypassCSP: true });
  });
  afterAll(() => context?.close());

  it.each(pages.map((p) => [p.name, p] as const))(
    "%s: no WCAG 2.2 AA violation",
    async (_, visit) => {
      const page = await context.newPage();
      try {
        await placeholderImages(page);
        await visit.open(page, site);
        await page.addScriptTag({ content: axeSource });
        const violations = await page.evaluate(async (values) => {
          const axe = (
            window as unknown as { axe: { run(c: Document, o: unknown): Promise<{ violations: Violation[] }> } }
          ).axe;
          const result = await axe.run(document, { runOnly: { type: "tag", values } });
          return result.violations.map(
            (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join("; ")})`,
          );
        }, tags);
        expect(violations, `${visit.name} at ${page.url()}`).toEqual([]);
      } finally {
        await page.close();
      }
    },
    60_000,
  ); // pages are checked a few at a time: on a loaded machine one can wait its turn
});
