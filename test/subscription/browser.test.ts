import { load } from "cheerio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { getSubscriber } from "@tidings/core/store/subscribers";
import { EmailAddress } from "@tidings/core/subscription/address";
import { unsubscribeUrl } from "@tidings/core/subscription/links";
import { subscriberId } from "@tidings/core/subscription/subscriber";
import { launchBrowser, serveTestApp, watchPage, type ServedApp } from "../support/browser.ts";

let served: ServedApp;
let browser: Browser;
beforeAll(async () => {
  [served, browser] = await Promise.all([serveTestApp(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await served?.close();
});

const stateOf = async (address: string) => {
  const { ctx } = served.services;
  return (await getSubscriber(ctx.db, await subscriberId(ctx, EmailAddress.parse(address))))?.state;
};

/** The first message to `address`, polling the mailbox until it arrives (10 s at most). */
async function arrived(address: string) {
  for (let tries = 0; tries < 100; tries++) {
    const mail = (await served.services.mailbox()).find((m) => m.destination.to.includes(address));
    if (mail) return mail;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no email to ${address} arrived`);
}

/** What has keyboard focus, in words: "a Archive", "input#email", "button Subscribe". */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return "body";
    return el.id ? `${el.tagName.toLowerCase()}#${el.id}` : `${el.tagName.toLowerCase()} ${el.textContent?.trim()}`;
  });

describe("signing up in Chromium", () => {
  it("signs up on /, confirms from the email, and unsubscribes with the button", async () => {
    const page = await browser.newPage();
    const { problems } = watchPage(page);
    const address = "browser-reader@example.com";

    await page.goto(`${served.url}/`);
    expect(await page.title()).toBe("Tidings: Semiconductors");
    expect(await page.locator("h1").textContent()).toBe("Tidings: Semiconductors");
    expect(await page.getByLabel("Your email address").getAttribute("type")).toBe("email");

    // Keyboard only: the field and its button come straight after the site's header links.
    const order: string[] = [];
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press("Tab");
      order.push(await focused(page));
    }
    expect(order).toEqual([
      "a Tidings: Semiconductors",
      "a Archive",
      "input#email",
      "button Subscribe",
      "a Browse past issues",
    ]);
    await page.keyboard.press("Shift+Tab");
    await page.keyboard.press("Shift+Tab");
    expect(await focused(page)).toBe("input#email");
    await page.keyboard.type(address);
    await Promise.all([page.waitForURL(`${served.url}/subscribe`), page.keyboard.press("Enter")]);
    expect(await page.locator("h1").textContent()).toBe("Check your inbox");
    expect(await stateOf(address)).toBe("pending");

    // The confirmation email leaves after the answer (the outbox): wait for it to arrive.
    const mail = await arrived(address);
    expect(mail?.subject).toBe("Confirm your subscription to Tidings: Semiconductors");
    const link = load(mail!.body.html ?? "")("a[href*='/confirm?token=']").attr("href");
    expect(link?.startsWith(`${served.url}/confirm?token=`)).toBe(true);

    await page.goto(link!);
    expect(await page.locator("h1").textContent()).toBe("Welcome aboard");
    expect(await page.getByRole("link", { name: "Read past issues in the archive" }).getAttribute("href")).toBe(
      "/digests",
    );
    expect(await stateOf(address)).toBe("active");

    const id = await subscriberId(served.services.ctx, EmailAddress.parse(address));
    await page.goto(unsubscribeUrl(served.services.ctx.config, { id }));
    expect(await page.locator("h1").textContent()).toBe("Unsubscribe from Tidings: Semiconductors?");
    expect(await page.getByRole("button").count()).toBe(1);
    expect(await stateOf(address)).toBe("active"); // the GET changed nothing

    await page.getByRole("button", { name: "Unsubscribe" }).click();
    await page.waitForLoadState();
    expect(await page.locator("h1").textContent()).toBe("You are unsubscribed");
    expect(await stateOf(address)).toBe("unsubscribed");

    expect(problems).toEqual([]);
    await page.close();
  });

  it("shows the reason for an invalid address next to the field, escaped", async () => {
    const page = await browser.newPage();
    const { problems } = watchPage(page);
    await page.goto(`${served.url}/`);
    // The browser's own check would stop this; the server must still say why (no JavaScript needed).
    await page.locator("form.signup").evaluate((f) => f.setAttribute("novalidate", ""));
    await page.getByLabel("Your email address").fill("<b>not</b>@example");
    await page.getByRole("button", { name: "Subscribe" }).click();
    await page.waitForLoadState();
    expect(await page.getByRole("alert").textContent()).toContain("does not look like an email address");
    expect(await page.getByLabel("Your email address").inputValue()).toBe("<b>not</b>@example");
    expect(await page.locator("b").count()).toBe(0);
    expect(await page.getByLabel("Your email address").getAttribute("aria-invalid")).toBe("true");
    expect(problems.filter((p) => !p.includes("400"))).toEqual([]);
    await page.close();
  });

  it("keeps text contrast at WCAG AA (4.5:1) in light and dark mode, on the form and its error", async () => {
    const page = await browser.newPage();
    for (const colorScheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme });
      await page.goto(`${served.url}/`);
      await page.locator("form.signup").evaluate((f) => f.setAttribute("novalidate", ""));
      await page.getByRole("button", { name: "Subscribe" }).click();
      await page.waitForLoadState();
      const ratios = await page.evaluate(() => {
        const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
        const luminance = ([r, g, b]: number[]) => {
          const lin = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
          return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
        };
        const background = (el: Element | null): number[] => {
          for (; el; el = el.parentElement) {
            const c = rgb(getComputedStyle(el).backgroundColor);
            if (c.length === 3 || (c.length === 4 && c[3]! > 0)) return c.slice(0, 3);
          }
          return [255, 255, 255];
        };
        const selectors = [
          "h1",
          "p.lead",
          "label[for=email]",
          "#email",
          "p.help",
          ".error",
          "button",
          "nav a",
          "main a",
          "footer p",
        ];
        return selectors.map((sel) => {
          const el = document.querySelector(sel);
          if (!el) return `${sel}: missing`;
          const [a, b] = [luminance(rgb(getComputedStyle(el).color)), luminance(background(el))];
          const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
          return ratio >= 4.5 ? "ok" : `${sel}: ${ratio.toFixed(2)}`;
        });
      });
      expect(
        ratios.filter((r) => r !== "ok"),
        colorScheme,
      ).toEqual([]);
    }
    await page.close();
  });

  it("fits and works at 375 px wide", async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const { problems } = watchPage(page);
    await page.goto(`${served.url}/`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    const field = await page.getByLabel("Your email address").boundingBox();
    const button = await page.getByRole("button", { name: "Subscribe" }).boundingBox();
    for (const box of [field!, button!]) {
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(375);
      expect(box.height).toBeGreaterThanOrEqual(40); // a comfortable touch target
    }
    await page.getByLabel("Your email address").fill("phone-reader@example.com");
    await page.getByRole("button", { name: "Subscribe" }).tap();
    await page.waitForURL(`${served.url}/subscribe`);
    expect(await page.locator("h1").textContent()).toBe("Check your inbox");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    expect(problems).toEqual([]);
    await context.close();
  });
});
