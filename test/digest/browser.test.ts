/**
 * The digest archive in Chromium, over the real seed feed: what a reader sees, judged against
 * the feed file itself (read here with cheerio, not with our parser).
 */
import { readFileSync } from "node:fs";
import { load } from "cheerio";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { themes } from "@tidings/core/theme/themes";
import { newsletter } from "@tidings/templates/newsletter";
import { launchBrowser, watchPage } from "../support/browser.ts";
import { placeholderImages, seedFeed, serveSeededApp, type SeededApp } from "../support/seeded-app.ts";

interface FeedItem {
  title: string;
  link: string;
  published: Date;
  hasImage: boolean;
}

const $feed = load(readFileSync(seedFeed, "utf8"), { xml: true });
const feedItems: FeedItem[] = $feed("item")
  .map((_, e) => {
    const child = (name: string) => $feed(e).children(name).first();
    return {
      title: child("title").text().trim(),
      link: child("link").text().trim(),
      published: new Date(child("pubDate").text()),
      hasImage: child("enclosure").length + child("media\\:content").length > 0,
    };
  })
  .get();

const isoWeek = (d: Date) => DateTime.fromJSDate(d, { zone: "UTC" }).toFormat("kkkk-'W'WW");
const byWeek = new Map<string, FeedItem[]>();
for (const item of feedItems) {
  const week = isoWeek(item.published);
  byWeek.set(week, [...(byWeek.get(week) ?? []), item]);
}

// Mon 11 May 2026 00:00 UTC to Sun 17 May 23:59:59.999.
const w20Start = Date.UTC(2026, 4, 11);
const w20 = feedItems.filter((i) => i.published.getTime() >= w20Start && i.published.getTime() < w20Start + 7 * 864e5);
const themeNames = themes().list.map((t) => t.name);

/** "11–17 May 2026", "27 April–3 May 2026", spaces around the dash aside. */
function weekDays(week: string): string {
  const monday = DateTime.fromISO(`${week}-1`, { zone: "UTC" });
  const sunday = monday.plus({ days: 6 });
  const first = monday.month === sunday.month ? `${monday.day}` : monday.toFormat("d MMMM");
  return `${first}–${sunday.toFormat("d MMMM yyyy")}`;
}
const squash = (s: string) => s.replace(/\s+/g, " ").replace(/ ?– ?/g, "–").trim();

/** Theme headings and item cards in document order: which item sits under which heading. */
const placements = (page: Page) =>
  page.locator("h2.theme-heading, .card-title").evaluateAll((els) => {
    let theme: string | null = null;
    const headings: string[] = [];
    const cards: { theme: string | null; title: string; href: string | null }[] = [];
    for (const el of els) {
      const text = (el.textContent ?? "").trim();
      if (el.tagName === "H2") headings.push((theme = text));
      else cards.push({ theme, title: text, href: el.getAttribute("href") });
    }
    return { headings, cards };
  });

/** Every <img> has loaded (the placeholder, for the feed's pictures) and has alt text and a width. */
const brokenImages = (page: Page) =>
  page
    .locator("img")
    .evaluateAll((imgs) =>
      (imgs as HTMLImageElement[])
        .filter((i) => !i.complete || i.naturalWidth === 0 || !i.alt || !i.getAttribute("width"))
        .map((i) => i.src),
    );

let served: SeededApp;
let browser: Browser;
beforeAll(async () => {
  [served, browser] = await Promise.all([serveSeededApp(), launchBrowser()]);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await served?.close();
});

/** A fresh page on `path` that reports its problems; feed pictures answered locally. */
async function open(path: string, viewport = { width: 1000, height: 800 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const { problems } = watchPage(page);
  const pictures = await placeholderImages(page);
  const res = await page.goto(served.url + path, { waitUntil: "load" });
  expect(res?.status(), path).toBe(200);
  return { page, problems, pictures, close: () => context.close() };
}

/** The W20 items as the page must place them: each once, under a configured theme, themes in order. */
async function expectWeek20(page: Page) {
  const { headings, cards } = await placements(page);
  expect(new Set(headings).size, "each theme once").toBe(headings.length);
  for (const h of headings) expect(themeNames).toContain(h);
  const order = headings.map((h) => themeNames.indexOf(h));
  expect(order, "themes in the configured display order").toEqual([...order].sort((a, b) => a - b));
  expect(cards.map((c) => c.title).sort()).toEqual(w20.map((i) => i.title).sort());
  for (const card of cards) {
    expect(card.theme, card.title).not.toBeNull();
    expect(card.href, card.title).toBe(w20.find((i) => i.title === card.title)!.link);
  }
  return { headings, cards };
}

describe("the digest archive over the seed feed, in Chromium", () => {
  it("built a digest for every week the feed has items in, 2026-W06 to 2026-W21", () => {
    const weeks = [...byWeek.keys()].sort();
    expect(weeks).toEqual(Array.from({ length: 16 }, (_, i) => `2026-W${String(i + 6).padStart(2, "0")}`));
    expect(served.weeks).toEqual(weeks);
    expect(w20).toHaveLength(8);
  });

  it("lists every week, newest first, with its dates, item count and subject, each linking to its page", async () => {
    const { page, problems, close } = await open("/digests");
    const rows = await page.locator("ul.archive li").evaluateAll((lis) =>
      lis.map((li) => ({
        label: li.querySelector("a")?.textContent ?? "",
        href: li.querySelector("a")?.getAttribute("href") ?? "",
        meta: li.querySelector(".muted")?.textContent ?? "",
        subject: li.querySelector(".subject")?.textContent ?? "",
      })),
    );
    const weeks = [...byWeek.keys()].sort().reverse();
    expect(rows.map((r) => r.href)).toEqual(weeks.map((w) => `/digests/${w}`));
    rows.forEach((row, i) => {
      const week = weeks[i]!;
      const items = byWeek.get(week)!;
      expect(row.label).toBe(`Week ${Number(week.slice(6))}, 2026`);
      expect(squash(row.meta)).toBe(
        squash(`· ${weekDays(week)} · ${items.length} ${items.length === 1 ? "story" : "stories"}`),
      );
      // The subject: name · dates · the top headline (cut at a word past 90 characters).
      const [name, dates, headline, ...rest] = row.subject.split(" · ");
      expect([name, squash(dates ?? ""), rest], row.subject).toEqual([newsletter.name, weekDays(week), []]);
      const top = headline!.replace(/…$/, "");
      expect(
        items.some((item) => item.title.startsWith(top)),
        `${week}: "${headline}" is one of its titles`,
      ).toBe(true);
    });

    await Promise.all([page.waitForURL(`${served.url}/digests/2026-W20`), page.getByText("Week 20, 2026").click()]);
    await expectWeek20(page);
    expect(problems).toEqual([]);
    await close();
  });

  it("shows 2026-W20 with exactly that week's items, each once, under its theme, pictures in place", async () => {
    const { page, problems, pictures, close } = await open("/digests/2026-W20");
    const { headings } = await expectWeek20(page);
    expect(headings.length).toBeGreaterThan(1);
    expect(await page.locator("h1").textContent()).toBe(newsletter.name);
    expect(squash((await page.locator(".masthead-line").textContent()) ?? "")).toBe("Week 20 · 11–17 May 2026");
    // Every item of the week has a picture in the feed; each was asked for, and shows.
    expect(w20.every((i) => i.hasImage)).toBe(true);
    expect(await page.locator("img.card-thumb").count()).toBe(w20.length);
    expect(pictures).toHaveLength(w20.length);
    expect(await brokenImages(page)).toEqual([]);
    // The web edition has no personal link, and says where to sign up.
    expect(await page.getByRole("link", { name: /unsubscribe/i }).count()).toBe(0);
    expect(await page.getByRole("link", { name: "Subscribe" }).getAttribute("href")).toBe(`${served.url}/`);
    expect(problems).toEqual([]);
    await close();
  });

  it("shows the email as sent for 2026-W20, its unsubscribe link neutralised", async () => {
    const { page, problems, close } = await open("/digests/2026-W20/email");
    await expectWeek20(page);
    expect(await page.getByRole("link", { name: "Unsubscribe" }).getAttribute("href")).toBe("#");
    expect(await page.getByRole("link", { name: "View in browser" }).getAttribute("href")).toBe(
      `${served.url}/digests/2026-W20`,
    );
    expect(await page.content()).not.toContain("{{");
    expect(await brokenImages(page)).toEqual([]);
    expect(problems).toEqual([]);
    await close();
  });

  it("fits a 375 px wide screen without scrolling sideways", async () => {
    for (const path of ["/digests", "/digests/2026-W20", "/digests/2026-W20/email"]) {
      const { page, problems, close } = await open(path, { width: 375, height: 740 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(375);
      expect(problems, path).toEqual([]);
      await close();
    }
  });
});
